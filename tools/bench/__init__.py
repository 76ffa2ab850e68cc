"""`make bench`: entra-box's performance at enterprise scale with the real Pulumi engine.

`__main__` parses the flags and runs `scenario.run_size` per organisation size;
`organisation` writes the synthetic spec, `engine` runs the CLI on a stack of it,
`box_calls` counts Box calls from the emulator's request log, `processes` measures peak
memory, `figures` prints the `name: value unit` lines. See docs/performance.md.
"""
