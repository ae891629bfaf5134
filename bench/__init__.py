"""Measuring the production server: `python -m bench.run` (throughput benchmark) and
`python -m bench.load` (load and fault test), sharing bench.server."""
