// A feed's nodes through libxml2's SAX2 push parser, validated against the XSD by the schema's SAX plug (the
// same validator xmlTextReader attaches), handed over in batches: no tree is built and freed node by node, and
// Swift makes one call per batch instead of several per node.
#include "CFeedXML.h"
#include "cfx_internal.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CFX_CHUNK (64 * 1024)
#define CFX_MAX_SCHEMA_PROBLEMS 1000
/// libxml2's own limit on a text node without XML_PARSE_HUGE, which a SAX reader must keep itself.
#define CFX_MAX_TEXT 10000000
/// How deep elements may nest: libxml2 2.9.14 let a push parse go 5,000 deep in a test, so the stream keeps a limit.
#define CFX_MAX_DEPTH 300
#define CFX_MAX_NAMES 65536

struct cfx_stream {
    xmlParserCtxtPtr parser;
    xmlSAXHandler handler;  // ours; the schema's plug calls it after validating
    xmlSAXHandlerPtr sax;   // what the parser calls: &handler, or the plug's (which writes here when unplugged)
    void *user_data;        // what the parser passes: this stream, or the plug
    xmlSchemaValidCtxtPtr validation;
    xmlSchemaSAXPlugPtr plug;

    FILE *file;  // NULL when reading memory
    char *memory;
    size_t memory_size, memory_read;
    struct cfx_scanner scanner;
    char *chunk;
    int chunk_start, chunk_length;  // bytes read but not yet parsed
    int finished;                   // the parser has been told the document ended

    cfx_node *nodes;
    int count, capacity;
    int held;  // the last node is an element start whose content is still unknown (it may be empty)
    char *text;  // the nodes' texts, then the text being gathered
    size_t text_length, text_capacity;
    size_t run_start;      // where the text being gathered starts
    int run_open, run_blank, run_cdata;

    char **names;  // local names and namespace URIs, by index
    int name_count;
    int *table;  // open addressing: name indexes by hash, -1 free
    int table_size;
    const xmlChar *interned[256];  // names the parser's dictionary holds, by address, with their indexes
    int interned_index[256];

    int depth;
    int lines[CFX_MAX_DEPTH + 1];  // each open element's line, for schema messages
    int element_names[CFX_MAX_DEPTH + 1], element_namespaces[CFX_MAX_DEPTH + 1];
    int ended_line;  // the line of the element just ended (-1 once something else happens)

    char error[CFX_MESSAGE_SIZE];
    char *schema_problems[CFX_MAX_SCHEMA_PROBLEMS];
    int schema_problem_count;
};

/// The stream whose bytes this thread is parsing: parser errors reach the handler with the plug's context.
static _Thread_local cfx_stream *cfx_parsing;

static int cfx_line(cfx_stream *stream) { return stream->parser != NULL ? xmlSAX2GetLineNumber(stream->parser) : 0; }

static void cfx_fail(cfx_stream *stream, const char *reason) {
    if (stream->error[0] == '\0') snprintf(stream->error, CFX_MESSAGE_SIZE, "line %d: %s", cfx_line(stream), reason);
    if (stream->parser != NULL) xmlStopParser(stream->parser);
}

static int cfx_grow(void **buffer, size_t *capacity, size_t needed, size_t size) {
    if (needed <= *capacity) return 1;
    size_t grown = *capacity < 64 ? 64 : *capacity;
    while (grown < needed) grown *= 2;
    void *moved = realloc(*buffer, grown * size);
    if (moved == NULL) return 0;
    *buffer = moved;
    *capacity = grown;
    return 1;
}

// MARK: - Names

static int cfx_find_name(cfx_stream *stream, const xmlChar *name);

/// The index of `name`, added when new; -1 past the limit (the stream has failed). The parser's dictionary
/// gives each distinct name one address for the parser's life, so a name it holds is found by its address.
static int cfx_name(cfx_stream *stream, const xmlChar *name) {
    size_t slot = ((size_t)name >> 4) & 255;
    if (stream->interned[slot] == name) return stream->interned_index[slot];
    int index = cfx_find_name(stream, name);
    if (index >= 0 && xmlDictOwns(stream->parser->dict, name) == 1) {
        stream->interned[slot] = name;
        stream->interned_index[slot] = index;
    }
    return index;
}

/// FNV-1a of a name's bytes.
static unsigned cfx_hash(const char *name) {
    unsigned hash = 2166136261u;
    for (const char *byte = name; *byte != 0; byte++) hash = (hash ^ (unsigned char)*byte) * 16777619u;
    return hash;
}

static int cfx_find_name(cfx_stream *stream, const xmlChar *name) {
    unsigned hash = cfx_hash((const char *)name);
    int mask = stream->table_size - 1;
    for (int slot = (int)(hash & (unsigned)mask);; slot = (slot + 1) & mask) {
        int index = stream->table[slot];
        if (index < 0) break;
        if (strcmp(stream->names[index], (const char *)name) == 0) return index;
    }
    if (stream->name_count >= CFX_MAX_NAMES) {
        cfx_fail(stream, "more than 65536 different element names; no feed has so many");
        return -1;
    }
    if (2 * (stream->name_count + 1) > stream->table_size) {  // keep the table at most half full
        int size = stream->table_size * 2;
        int *table = malloc((size_t)size * sizeof(int));
        char **names = realloc(stream->names, (size_t)size / 2 * sizeof(char *));
        if (table == NULL || names == NULL) {
            free(table);
            if (names != NULL) stream->names = names;
            cfx_fail(stream, "out of memory");
            return -1;
        }
        stream->names = names;
        memset(table, 0xFF, (size_t)size * sizeof(int));
        for (int index = 0; index < stream->name_count; index++) {
            int slot = (int)(cfx_hash(stream->names[index]) & (unsigned)(size - 1));
            while (table[slot] >= 0) slot = (slot + 1) & (size - 1);
            table[slot] = index;
        }
        free(stream->table);
        stream->table = table;
        stream->table_size = size;
        mask = size - 1;
    }
    char *copy = strdup((const char *)name);
    if (copy == NULL) {
        cfx_fail(stream, "out of memory");
        return -1;
    }
    int slot = (int)(hash & (unsigned)mask);
    while (stream->table[slot] >= 0) slot = (slot + 1) & mask;
    stream->table[slot] = stream->name_count;
    stream->names[stream->name_count] = copy;
    return stream->name_count++;
}

// MARK: - Nodes

static cfx_node *cfx_add_node(cfx_stream *stream, int kind) {
    size_t capacity = (size_t)stream->capacity;
    if (!cfx_grow((void **)&stream->nodes, &capacity, (size_t)stream->count + 1, sizeof(cfx_node))) {
        cfx_fail(stream, "out of memory");
        return NULL;
    }
    stream->capacity = (int)capacity;
    cfx_node *node = &stream->nodes[stream->count++];
    memset(node, 0, sizeof *node);
    node->kind = kind;
    return node;
}

/// Ends the text being gathered: a node unless it is only blanks outside CDATA, as xmlTextReader skips them.
static void cfx_end_run(cfx_stream *stream) {
    if (!stream->run_open) return;
    stream->run_open = 0;
    if (stream->run_blank) {
        stream->text_length = stream->run_start;
        return;
    }
    cfx_node *node = cfx_add_node(stream, CFX_NODE_TEXT);
    if (node == NULL) return;
    node->offset = (int)stream->run_start;
    node->length = (int)(stream->text_length - stream->run_start);
    stream->held = 0;
}

static void cfx_gather(cfx_stream *stream, const xmlChar *bytes, int length, int cdata) {
    if (stream->error[0] != '\0') return;
    if (stream->run_open && stream->run_cdata != cdata) cfx_end_run(stream);
    if (!stream->run_open) {
        stream->run_open = 1;
        stream->run_start = stream->text_length;
        stream->run_blank = !cdata;
        stream->run_cdata = cdata;
    }
    stream->ended_line = -1;
    if (stream->text_length - stream->run_start + (size_t)length > CFX_MAX_TEXT) {
        cfx_fail(stream, "a text is longer than 10,000,000 bytes; no feed needs one so long");
        return;
    }
    if (!cfx_grow((void **)&stream->text, &stream->text_capacity, stream->text_length + (size_t)length + 1, 1)) {
        cfx_fail(stream, "out of memory");
        return;
    }
    memcpy(stream->text + stream->text_length, bytes, (size_t)length);
    stream->text_length += (size_t)length;
    for (int index = 0; stream->run_blank && index < length; index++) {
        xmlChar byte = bytes[index];
        stream->run_blank = byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r';
    }
}

// MARK: - SAX2 callbacks (the context is the stream)

static void cfx_on_start(void *context, const xmlChar *local_name, const xmlChar *prefix, const xmlChar *uri,
                         int namespace_count, const xmlChar **namespaces, int attribute_count, int defaulted_count,
                         const xmlChar **attributes) {
    (void)prefix, (void)namespace_count, (void)namespaces, (void)attribute_count, (void)defaulted_count,
        (void)attributes;
    cfx_stream *stream = context;
    if (stream->error[0] != '\0') return;
    cfx_end_run(stream);
    if (stream->depth >= CFX_MAX_DEPTH) {
        cfx_fail(stream, "elements are nested more than 300 deep; no feed needs so many");
        return;
    }
    int name = cfx_name(stream, local_name);
    int namespace_uri = uri != NULL ? cfx_name(stream, uri) : -1;
    if (name < 0 || (uri != NULL && namespace_uri < 0)) return;
    cfx_node *node = cfx_add_node(stream, CFX_NODE_ELEMENT);
    if (node == NULL) return;
    node->name = name;
    node->namespace_uri = namespace_uri;
    stream->held = 1;
    stream->depth++;
    stream->lines[stream->depth] = cfx_line(stream);
    stream->element_names[stream->depth] = name;
    stream->element_namespaces[stream->depth] = namespace_uri;
    stream->ended_line = -1;
}

static void cfx_on_end(void *context, const xmlChar *local_name, const xmlChar *prefix, const xmlChar *uri) {
    (void)local_name, (void)prefix, (void)uri;
    cfx_stream *stream = context;
    if (stream->error[0] != '\0' || stream->depth == 0) return;
    cfx_end_run(stream);
    if (stream->held) {
        stream->nodes[stream->count - 1].is_empty = 1;
        stream->held = 0;
    } else {
        cfx_node *node = cfx_add_node(stream, CFX_NODE_END_ELEMENT);
        if (node == NULL) return;
        node->name = stream->element_names[stream->depth];
        node->namespace_uri = stream->element_namespaces[stream->depth];
    }
    stream->ended_line = stream->lines[stream->depth];  // the validator checks the element after this returns
    stream->depth--;
}

static void cfx_on_characters(void *context, const xmlChar *bytes, int length) {
    cfx_gather(context, bytes, length, 0);
}

static void cfx_on_cdata(void *context, const xmlChar *bytes, int length) { cfx_gather(context, bytes, length, 1); }

/// Comments and processing instructions end a text, as they end a text node in a tree.
static void cfx_on_comment(void *context, const xmlChar *value) {
    (void)value;
    cfx_end_run(context);
}

static void cfx_on_instruction(void *context, const xmlChar *target, const xmlChar *data) {
    (void)target, (void)data;
    cfx_end_run(context);
}

static void cfx_on_doctype(void *context, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id) {
    (void)name, (void)external_id, (void)system_id;
    cfx_fail(context, "a DOCTYPE is not allowed in a feed (it could declare external or expanding entities)");
}

static void cfx_on_parser_error(void *context, xmlErrorPtr error) {
    (void)context;  // the plug's when validating; the stream is the one this thread parses
    cfx_stream *stream = cfx_parsing;
    if (stream != NULL && error->level >= XML_ERR_ERROR && stream->error[0] == '\0') cfx_format(stream->error, error);
}

static void cfx_on_schema_error(void *context, xmlErrorPtr error) {
    cfx_stream *stream = context;
    if (error->domain != XML_FROM_SCHEMASV) {
        if (error->level >= XML_ERR_ERROR && stream->error[0] == '\0') cfx_format(stream->error, error);
        return;
    }
    if (stream->schema_problem_count >= CFX_MAX_SCHEMA_PROBLEMS) return;
    char *message = malloc(CFX_MESSAGE_SIZE);
    if (message == NULL) return;
    cfx_format(message, error);
    stream->schema_problems[stream->schema_problem_count++] = message;
}

/// The line schema messages name: the element being checked, as a tree-walking validator would.
static int cfx_locate(void *context, const char **file, unsigned long *line) {
    cfx_stream *stream = context;
    *file = NULL;
    int element_line = stream->ended_line >= 0 ? stream->ended_line : stream->lines[stream->depth];
    *line = (unsigned long)(element_line > 0 ? element_line : cfx_line(stream));
    return 0;
}

// MARK: - Opening and reading

/// Reads the next chunk into `chunk` (through the byte scanner); 0 at the end, -1 when refused or unreadable.
static int cfx_read_chunk(cfx_stream *stream) {
    size_t count;
    if (stream->file != NULL) {
        count = fread(stream->chunk, 1, CFX_CHUNK, stream->file);
        if (count == 0 && ferror(stream->file)) {
            cfx_fail(stream, "the file cannot be read");
            return -1;
        }
    } else {
        count = stream->memory_size - stream->memory_read;
        if (count > CFX_CHUNK) count = CFX_CHUNK;
        memcpy(stream->chunk, stream->memory + stream->memory_read, count);
        stream->memory_read += count;
    }
    stream->chunk_start = 0;
    stream->chunk_length = (int)count;
    if (cfx_scan(&stream->scanner, stream->chunk, (int)count) < 0) {
        snprintf(stream->error, CFX_MESSAGE_SIZE, "%s", stream->scanner.refusal);
        return -1;
    }
    return (int)count;
}

// NONET: never fetch. No NOENT (entities stay unexpanded), no DTDLOAD, no DTDATTR, no HUGE (so libxml2's own
// limits hold: depth 256, a name 50,000 bytes; a text's 10 MB is kept here). Errors go to the handlers of each
// stream, never to stderr.
static cfx_stream *cfx_stream_start(cfx_stream *stream, const char *name, const cfx_schema *schema) {
    stream->scanner.line = 1;
    stream->ended_line = -1;
    stream->table_size = 64;
    stream->table = malloc(64 * sizeof(int));
    stream->names = malloc(32 * sizeof(char *));
    stream->chunk = malloc(CFX_CHUNK);
    if (stream->table == NULL || stream->names == NULL || stream->chunk == NULL) {
        cfx_stream_close(stream);
        return NULL;
    }
    memset(stream->table, 0xFF, 64 * sizeof(int));
    xmlSAXHandler *handler = &stream->handler;
    handler->initialized = XML_SAX2_MAGIC;
    handler->startElementNs = cfx_on_start;
    handler->endElementNs = cfx_on_end;
    handler->characters = cfx_on_characters;
    handler->ignorableWhitespace = cfx_on_characters;
    handler->cdataBlock = cfx_on_cdata;
    handler->comment = cfx_on_comment;
    handler->processingInstruction = cfx_on_instruction;
    handler->internalSubset = cfx_on_doctype;
    handler->serror = cfx_on_parser_error;
    stream->sax = handler;
    stream->user_data = stream;
    if (schema != NULL) {
        stream->validation = xmlSchemaNewValidCtxt(schema->schema);
        if (stream->validation != NULL) {
            xmlSchemaSetValidStructuredErrors(stream->validation, cfx_on_schema_error, stream);
            stream->plug = xmlSchemaSAXPlug(stream->validation, &stream->sax, &stream->user_data);
        }
        if (stream->plug == NULL) {
            snprintf(stream->error, CFX_MESSAGE_SIZE, "the schema cannot be attached to the reader");
            return stream;
        }
    }
    // The first bytes go in with the parser, which tells the encoding from them.
    if (cfx_read_chunk(stream) < 0) return stream;
    int first = stream->chunk_length < 4 ? stream->chunk_length : 4;
    stream->parser = xmlCreatePushParserCtxt(stream->sax, stream->user_data, stream->chunk, first, name);
    if (stream->parser == NULL) {
        cfx_stream_close(stream);
        return NULL;
    }
    stream->parser->sax->serror = cfx_on_parser_error;  // the plug's handler has none of its own
    xmlCtxtUseOptions(stream->parser, XML_PARSE_NONET);
    if (stream->validation != NULL) xmlSchemaValidateSetLocator(stream->validation, cfx_locate, stream);
    stream->chunk_start = first;
    return stream;
}

cfx_stream *cfx_stream_open(const char *path, const cfx_schema *schema) {
    cfx_init();
    cfx_stream *stream = calloc(1, sizeof(cfx_stream));
    if (stream == NULL) return NULL;
    stream->file = fopen(path, "rb");
    if (stream->file == NULL) {
        free(stream);
        return NULL;
    }
    return cfx_stream_start(stream, path, schema);
}

cfx_stream *cfx_stream_open_memory(const char *bytes, size_t size) {
    cfx_init();
    cfx_stream *stream = calloc(1, sizeof(cfx_stream));
    if (stream == NULL) return NULL;
    stream->memory = malloc(size > 0 ? size : 1);
    if (stream->memory == NULL) {
        free(stream);
        return NULL;
    }
    memcpy(stream->memory, bytes, size);
    stream->memory_size = size;
    return cfx_stream_start(stream, NULL, NULL);
}

int cfx_stream_name_count(cfx_stream *stream) { return stream->name_count; }

int cfx_stream_fill(cfx_stream *stream) {
    if (stream->error[0] != '\0' || stream->parser == NULL) return -1;
    // What was handed over last time goes; an element start still held, and the text being gathered, stay.
    if (stream->held) stream->nodes[0] = stream->nodes[stream->count - 1];
    stream->count = stream->held;
    size_t run = stream->run_open ? stream->text_length - stream->run_start : 0;
    if (run > 0) memmove(stream->text, stream->text + stream->run_start, run);
    stream->text_length = run;
    stream->run_start = 0;
    cfx_parsing = stream;
    while (stream->count - stream->held == 0 && !stream->finished && stream->error[0] == '\0') {
        if (stream->chunk_start >= stream->chunk_length && cfx_read_chunk(stream) < 0) break;
        int length = stream->chunk_length - stream->chunk_start;
        stream->finished = length == 0;
        xmlParseChunk(stream->parser, stream->chunk + stream->chunk_start, length, stream->finished);
        stream->chunk_start = stream->chunk_length;
    }
    cfx_parsing = NULL;
    if (stream->error[0] == '\0' && stream->finished && !stream->parser->wellFormed) {
        snprintf(stream->error, CFX_MESSAGE_SIZE, "malformed XML");
    }
    return stream->error[0] != '\0' ? -1 : stream->count - stream->held;
}

const cfx_node *cfx_stream_nodes(cfx_stream *stream) { return stream->nodes; }
const char *cfx_stream_text(cfx_stream *stream) { return stream->text != NULL ? stream->text : ""; }
const char *cfx_stream_name(cfx_stream *stream, int index) {
    return index >= 0 && index < stream->name_count ? stream->names[index] : "";
}
const char *cfx_stream_error(cfx_stream *stream) { return stream->error[0] != '\0' ? stream->error : NULL; }
int cfx_stream_schema_problem_count(cfx_stream *stream) { return stream->schema_problem_count; }

const char *cfx_stream_schema_problem(cfx_stream *stream, int index) {
    return index >= 0 && index < stream->schema_problem_count ? stream->schema_problems[index] : NULL;
}

void cfx_stream_close(cfx_stream *stream) {
    if (stream->parser != NULL) xmlFreeParserCtxt(stream->parser);
    if (stream->plug != NULL) xmlSchemaSAXUnplug(stream->plug);
    if (stream->validation != NULL) xmlSchemaFreeValidCtxt(stream->validation);
    if (stream->file != NULL) fclose(stream->file);
    for (int index = 0; index < stream->name_count; index++) free(stream->names[index]);
    for (int index = 0; index < stream->schema_problem_count; index++) free(stream->schema_problems[index]);
    free(stream->names);
    free(stream->table);
    free(stream->nodes);
    free(stream->text);
    free(stream->chunk);
    free(stream->memory);
    free(stream);
}
