"""The API's behaviour: one Flask blueprint per Box object type, registered by `emulator.app`."""
