#ifndef CFEEDXML_H
#define CFEEDXML_H

// OCOP Connect's only door to libxml2. Swift never includes libxml2's headers (they pull in the system ICU,
// which clashes with Foundation's); it sees these opaque handles and plain C types instead.

#include <stddef.h>

typedef struct cfx_writer cfx_writer;
typedef struct cfx_reader cfx_reader;
typedef struct cfx_schema cfx_schema;

// MARK: - Writer (xmlTextWriter, streaming to a file)

/// Opens a writer on `path` (created or truncated), indenting by two spaces. NULL when it cannot.
cfx_writer *_Nullable cfx_writer_open(const char *_Nonnull path);
/// Writes `<?xml version="1.0" encoding="UTF-8"?>`. Each call returns < 0 on failure.
int cfx_writer_start_document(cfx_writer *_Nonnull writer);
/// Starts `<prefix:name xmlns:prefix="uri">`; `prefix` and `uri` may be NULL.
int cfx_writer_start_element(cfx_writer *_Nonnull writer, const char *_Nullable prefix, const char *_Nonnull name,
                             const char *_Nullable uri);
int cfx_writer_attribute(cfx_writer *_Nonnull writer, const char *_Nonnull name, const char *_Nonnull value);
/// Writes escaped text.
int cfx_writer_text(cfx_writer *_Nonnull writer, const char *_Nonnull text);
int cfx_writer_end_element(cfx_writer *_Nonnull writer);
/// Ends the document, flushes, closes the file and frees the writer. Returns < 0 when the flush failed.
int cfx_writer_close(cfx_writer *_Nonnull writer);
/// Opens a writer on a memory buffer, without indentation (API payloads). NULL when it cannot.
cfx_writer *_Nullable cfx_writer_open_memory(void);
/// Ends a memory writer's document, frees the writer and returns the document (free() it); NULL on failure.
char *_Nullable cfx_writer_close_memory(cfx_writer *_Nonnull writer);

// MARK: - Schema (XSD, compiled once, shared read-only)

/// Compiles the XSD at `path`; on failure returns NULL and copies libxml2's message into `error`.
cfx_schema *_Nullable cfx_schema_load(const char *_Nonnull path, char *_Nonnull error, size_t error_size);
void cfx_schema_free(cfx_schema *_Nonnull schema);

// MARK: - Stream (SAX2: a feed's nodes in batches, validated against a schema as they pass)

typedef struct cfx_stream cfx_stream;

enum {
    CFX_NODE_ELEMENT = 1,
    CFX_NODE_TEXT = 3,
    CFX_NODE_CDATA = 4,  // the workbook reader's only; a stream gives CDATA as text
    CFX_NODE_END_ELEMENT = 15,
};

/// One node of a stream. Names are indexes into the stream's names (cfx_stream_name); a text is `length`
/// bytes at `offset` of cfx_stream_text. An element with nothing inside (`<x/>`, `<x></x>`, `<x> </x>`) is one
/// element node marked empty, with no end node; text made only of spaces, tabs and line breaks (outside CDATA)
/// is left out, and adjacent text is one node.
typedef struct {
    int kind;
    int name;
    int namespace_uri;  // -1 when the element has no namespace
    int is_empty;
    int offset;
    int length;
} cfx_node;

/// Opens `path` for streaming, behind the byte scanner; validates against `schema` when it is not NULL.
cfx_stream *_Nullable cfx_stream_open(const char *_Nonnull path, const cfx_schema *_Nullable schema);
/// Opens a stream on a copy of `size` bytes (an API payload), without a schema.
cfx_stream *_Nullable cfx_stream_open_memory(const char *_Nonnull bytes, size_t size);
/// Parses on until nodes are ready: how many (see cfx_stream_nodes), 0 at the end, -1 an error (see
/// cfx_stream_error). The nodes, their texts and names stay valid until the next call.
int cfx_stream_fill(cfx_stream *_Nonnull stream);
const cfx_node *_Nonnull cfx_stream_nodes(cfx_stream *_Nonnull stream);
/// How many names the stream has numbered so far (names are numbered in the order they are first met).
int cfx_stream_name_count(cfx_stream *_Nonnull stream);
const char *_Nonnull cfx_stream_text(cfx_stream *_Nonnull stream);
/// The name (a local name or a namespace URI) at `index`; names keep their index for the stream's life.
const char *_Nonnull cfx_stream_name(cfx_stream *_Nonnull stream, int index);
/// The first error met (parser, scanner or a limit), with its line; NULL when none.
const char *_Nullable cfx_stream_error(cfx_stream *_Nonnull stream);
/// Schema-validity problems met so far (parsing goes on after them), up to a bound.
int cfx_stream_schema_problem_count(cfx_stream *_Nonnull stream);
const char *_Nullable cfx_stream_schema_problem(cfx_stream *_Nonnull stream, int index);
void cfx_stream_close(cfx_stream *_Nonnull stream);

// MARK: - Reader (xmlTextReader over a copy in memory: workbook parts, whose attributes are read)

/// Opens a reader on a copy of `size` bytes. NULL when it cannot.
cfx_reader *_Nullable cfx_reader_open_memory(const char *_Nonnull bytes, size_t size);
/// Advances: 1 a node, 0 the end, -1 an error (see cfx_reader_error). A DOCTYPE is an error.
int cfx_reader_next(cfx_reader *_Nonnull reader);
/// CFX_NODE_ELEMENT, CFX_NODE_TEXT, CFX_NODE_END_ELEMENT, or libxml2's other reader node types.
int cfx_reader_node_type(cfx_reader *_Nonnull reader);
int cfx_reader_is_empty_element(cfx_reader *_Nonnull reader);
/// The node's local name and value; valid until the next cfx_reader_next. May be NULL.
const char *_Nullable cfx_reader_local_name(cfx_reader *_Nonnull reader);
const char *_Nullable cfx_reader_value(cfx_reader *_Nonnull reader);
/// The value of the current element's attribute `name` (no namespace), as a copy the caller releases with
/// cfx_free; NULL when the element has none.
char *_Nullable cfx_reader_attribute(cfx_reader *_Nonnull reader, const char *_Nonnull name);
/// Releases a copy libxml2 made (cfx_reader_attribute).
void cfx_free(void *_Nullable pointer);
/// The first error met, with its line; NULL when none.
const char *_Nullable cfx_reader_error(cfx_reader *_Nonnull reader);
void cfx_reader_close(cfx_reader *_Nonnull reader);

#endif
