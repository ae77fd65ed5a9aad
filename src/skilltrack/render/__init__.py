"""Domain values written out: text, Markdown, HTML and JSON. Pure, and never imported by the record layer."""
