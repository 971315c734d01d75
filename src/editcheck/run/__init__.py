"""Running many drafts: inputs, the settings a run is built from, the local process pool
and the Dask engine. Nothing here is imported until a command needs it."""
