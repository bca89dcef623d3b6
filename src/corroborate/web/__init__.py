"""web: the record published — map, timeline and pages for people, an HTTP API for programs,
with roles for whoever changes the record and an audit log of every change."""
