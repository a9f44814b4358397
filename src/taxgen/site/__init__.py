"""The annotator site: pages generated from the model (``pages``) and the MkDocs plugin that adds them."""
