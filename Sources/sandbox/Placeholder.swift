// The sandbox executable's entry point is being written; this file only keeps the target non-empty.
