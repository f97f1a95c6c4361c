"""Following a text through its drafts: paragraph lineage, negotiation brackets, phrase traces."""
