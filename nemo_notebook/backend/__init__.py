"""The embedded local backend: the NemoVideo protocol served on loopback."""
