"""The commands: what each ``govpub`` command does, between the argument parser and the outputs."""
