"""Loading: files on disk to plain data that remembers where every value came from."""
