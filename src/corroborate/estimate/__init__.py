"""estimate: victim lists linked into persons, and from how the lists overlap, the dead no
list recorded (../shared/spec/estimate.md)."""
