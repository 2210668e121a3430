//! KRM I/O: ResourceList and plain YAML/JSON streams in and out, results, annotations.
