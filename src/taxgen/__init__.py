"""taxgen: taxonomies and labeling guidelines as code."""

__version__ = "0.1.0"
