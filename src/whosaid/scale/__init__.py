"""Scale-out: Parquet shards, and the engines of `whosaid run` (local, Ray)."""
