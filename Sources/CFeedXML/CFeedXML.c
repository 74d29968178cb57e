// Every libxml2 call of OCOP Connect lives here, behind the opaque handles of include/CFeedXML.h.
#include "CFeedXML.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t cfx_once = PTHREAD_ONCE_INIT;
static void cfx_initialize(void) { xmlInitParser(); }
static void cfx_init(void) { pthread_once(&cfx_once, cfx_initialize); }

// MARK: - Writer

struct cfx_writer {
    xmlTextWriterPtr writer;
    xmlBufferPtr buffer;  // NULL when writing to a file
};

cfx_writer *cfx_writer_open(const char *path) {
    cfx_init();
    xmlTextWriterPtr raw = xmlNewTextWriterFilename(path, 0);
    if (raw == NULL) return NULL;
    xmlTextWriterSetIndent(raw, 1);
    xmlTextWriterSetIndentString(raw, BAD_CAST "  ");
    cfx_writer *writer = malloc(sizeof(cfx_writer));
    if (writer == NULL) {
        xmlFreeTextWriter(raw);
        return NULL;
    }
    writer->writer = raw;
    writer->buffer = NULL;
    return writer;
}

cfx_writer *cfx_writer_open_memory(void) {
    cfx_init();
    xmlBufferPtr buffer = xmlBufferCreate();
    if (buffer == NULL) return NULL;
    xmlTextWriterPtr raw = xmlNewTextWriterMemory(buffer, 0);
    cfx_writer *writer = raw == NULL ? NULL : malloc(sizeof(cfx_writer));
    if (writer == NULL) {
        if (raw != NULL) xmlFreeTextWriter(raw);
        xmlBufferFree(buffer);
        return NULL;
    }
    writer->writer = raw;
    writer->buffer = buffer;
    return writer;
}

char *cfx_writer_close_memory(cfx_writer *writer) {
    int result = xmlTextWriterEndDocument(writer->writer);
    int flushed = xmlTextWriterFlush(writer->writer);
    xmlFreeTextWriter(writer->writer);
    char *document = NULL;
    if (result >= 0 && flushed >= 0 && writer->buffer != NULL) {
        document = strdup((const char *)xmlBufferContent(writer->buffer));
    }
    if (writer->buffer != NULL) xmlBufferFree(writer->buffer);
    free(writer);
    return document;
}

int cfx_writer_start_document(cfx_writer *writer) {
    return xmlTextWriterStartDocument(writer->writer, "1.0", "UTF-8", NULL);
}

int cfx_writer_start_element(cfx_writer *writer, const char *prefix, const char *name, const char *uri) {
    if (prefix == NULL && uri == NULL) return xmlTextWriterStartElement(writer->writer, BAD_CAST name);
    return xmlTextWriterStartElementNS(writer->writer, BAD_CAST prefix, BAD_CAST name, BAD_CAST uri);
}

int cfx_writer_attribute(cfx_writer *writer, const char *name, const char *value) {
    return xmlTextWriterWriteAttribute(writer->writer, BAD_CAST name, BAD_CAST value);
}

int cfx_writer_text(cfx_writer *writer, const char *text) {
    return xmlTextWriterWriteString(writer->writer, BAD_CAST text);
}

int cfx_writer_end_element(cfx_writer *writer) { return xmlTextWriterEndElement(writer->writer); }

int cfx_writer_close(cfx_writer *writer) {
    int result = xmlTextWriterEndDocument(writer->writer);
    int flushed = xmlTextWriterFlush(writer->writer);
    xmlFreeTextWriter(writer->writer);  // closes the file
    free(writer);
    return result < 0 || flushed < 0 ? -1 : 0;
}

// MARK: - Schema

struct cfx_schema {
    xmlSchemaPtr schema;
};

static void cfx_copy_error(char *destination, size_t size, const xmlError *error, const char *fallback) {
    if (size == 0) return;
    const char *message = error != NULL && error->message != NULL ? error->message : fallback;
    snprintf(destination, size, "%s", message);
    size_t length = strlen(destination);
    while (length > 0 && (destination[length - 1] == '\n' || destination[length - 1] == ' ')) {
        destination[--length] = '\0';
    }
}

/// Where the schema parser's first error goes, instead of stderr.
struct cfx_message_buffer {
    char *text;
    size_t size;
};

static void cfx_schema_parser_error(void *context, xmlErrorPtr error) {
    struct cfx_message_buffer *buffer = context;
    if (buffer->text[0] == '\0') cfx_copy_error(buffer->text, buffer->size, error, "the schema does not compile");
}

cfx_schema *cfx_schema_load(const char *path, char *error, size_t error_size) {
    cfx_init();
    error[0] = '\0';
    xmlSchemaParserCtxtPtr context = xmlSchemaNewParserCtxt(path);
    if (context == NULL) {
        cfx_copy_error(error, error_size, NULL, "cannot read the schema");
        return NULL;
    }
    struct cfx_message_buffer buffer = {error, error_size};
    xmlSchemaSetParserStructuredErrors(context, cfx_schema_parser_error, &buffer);
    xmlSchemaPtr schema = xmlSchemaParse(context);
    if (schema == NULL && error[0] == '\0') cfx_copy_error(error, error_size, NULL, "the schema does not compile");
    xmlSchemaFreeParserCtxt(context);
    if (schema == NULL) return NULL;
    cfx_schema *result = malloc(sizeof(cfx_schema));
    if (result == NULL) {
        xmlSchemaFree(schema);
        return NULL;
    }
    result->schema = schema;
    return result;
}

void cfx_schema_free(cfx_schema *schema) {
    xmlSchemaFree(schema->schema);
    free(schema);
}

// MARK: - Reader

#define CFX_MESSAGE_SIZE 512
#define CFX_MAX_SCHEMA_PROBLEMS 1000
#define CFX_MAX_ATTRIBUTES 1000

// The bytes of a feed file on their way to libxml2, looked at once as they pass: an element with more
// attributes than any feed needs is refused before the parser (whose duplicate check in 2.9 is quadratic in
// the number of attributes) holds them all.
enum cfx_scan_state { CFX_TEXT, CFX_TAG_OPEN, CFX_IN_TAG, CFX_IN_QUOTE, CFX_DECL_START, CFX_COMMENT, CFX_CDATA,
                      CFX_PI, CFX_DECL };

struct cfx_source {
    FILE *file;
    enum cfx_scan_state state;
    char quote;
    int attributes;       // '=' signs in the start tag being read
    int declared;         // bytes of "<!" seen so far, to tell a comment and CDATA from a declaration
    char recent[3];       // the last bytes, for the ends of comments, CDATA and processing instructions
    int line;
    char refusal[CFX_MESSAGE_SIZE];  // why the bytes were refused; empty while they are not
};

static void cfx_remember(struct cfx_source *source, char byte) {
    source->recent[0] = source->recent[1];
    source->recent[1] = source->recent[2];
    source->recent[2] = byte;
}

/// Scans `count` bytes; -1 when an element passes the attribute limit.
static int cfx_scan(struct cfx_source *source, const char *bytes, int count) {
    static const char cdata[] = "[CDATA[";
    for (int index = 0; index < count; index++) {
        if (source->state == CFX_TEXT && bytes[index] != '<') {
            // Text between tags, most of a feed's bytes: skipped to the next '<' at memchr's speed, its lines
            // counted and its last bytes remembered, as the byte-by-byte way below would (it was 7% of validating).
            const char *open = memchr(bytes + index, '<', (size_t)(count - index));
            int stop = open == NULL ? count : (int)(open - bytes);
            for (const char *p = bytes + index; (p = memchr(p, '\n', (size_t)(bytes + stop - p))) != NULL; p++) {
                source->line++;
            }
            for (int last = stop - 3 > index ? stop - 3 : index; last < stop; last++) cfx_remember(source, bytes[last]);
            index = stop - 1;
            continue;
        }
        char byte = bytes[index];
        if (byte == '\n') source->line++;
        cfx_remember(source, byte);
        switch (source->state) {
        case CFX_TEXT:
            if (byte == '<') source->state = CFX_TAG_OPEN;
            break;
        case CFX_TAG_OPEN:
            source->attributes = 0;
            source->declared = 0;
            source->state = byte == '!' ? CFX_DECL_START : byte == '?' ? CFX_PI : CFX_IN_TAG;
            break;
        case CFX_DECL_START:
            if (source->declared < 2 && byte == '-') {
                if (++source->declared == 2) source->state = CFX_COMMENT;
            } else if (source->declared < 7 && byte == cdata[source->declared]) {
                if (++source->declared == 7) source->state = CFX_CDATA;
            } else {
                source->state = byte == '>' ? CFX_TEXT : CFX_DECL;
            }
            break;
        case CFX_COMMENT:
            if (byte == '>' && source->recent[0] == '-' && source->recent[1] == '-') source->state = CFX_TEXT;
            break;
        case CFX_CDATA:
            if (byte == '>' && source->recent[0] == ']' && source->recent[1] == ']') source->state = CFX_TEXT;
            break;
        case CFX_PI:
            if (byte == '>' && source->recent[1] == '?') source->state = CFX_TEXT;
            break;
        case CFX_DECL:
            if (byte == '>') source->state = CFX_TEXT;
            break;
        case CFX_IN_TAG:
            if (byte == '>') {
                source->state = CFX_TEXT;
            } else if (byte == '"' || byte == '\'') {
                source->quote = byte;
                source->state = CFX_IN_QUOTE;
            } else if (byte == '=' && ++source->attributes > CFX_MAX_ATTRIBUTES) {
                snprintf(source->refusal, CFX_MESSAGE_SIZE,
                         "line %d: an element has more than %d attributes; no feed needs so many", source->line,
                         CFX_MAX_ATTRIBUTES);
                return -1;
            }
            break;
        case CFX_IN_QUOTE:
            if (byte == source->quote) source->state = CFX_IN_TAG;
            break;
        }
    }
    return 0;
}

static int cfx_source_read(void *context, char *buffer, int length) {
    struct cfx_source *source = context;
    size_t count = fread(buffer, 1, (size_t)length, source->file);
    if (count == 0) return ferror(source->file) ? -1 : 0;
    return cfx_scan(source, buffer, (int)count) < 0 ? -1 : (int)count;
}

static int cfx_source_close(void *context) {
    struct cfx_source *source = context;
    fclose(source->file);
    free(source);
    return 0;
}

struct cfx_reader {
    xmlTextReaderPtr reader;
    char error[CFX_MESSAGE_SIZE];
    char **schema_problems;
    int schema_problem_count;
    char *memory;  // the document's bytes when reading from memory (libxml2 does not copy them)
    struct cfx_source *source;  // the file's bytes on their way in (NULL from memory); libxml2 frees it
};

/// `line L, column C: reason`, as libxml2 gives them (a column of 0 is unknown and left out).
static void cfx_format(char *destination, const xmlError *error) {
    char message[CFX_MESSAGE_SIZE];
    cfx_copy_error(message, sizeof message, error, "malformed XML");
    int line = error != NULL ? error->line : 0;
    int column = error != NULL && error->domain == XML_FROM_PARSER ? error->int2 : 0;
    if (column > 0) {
        snprintf(destination, CFX_MESSAGE_SIZE, "line %d, column %d: %s", line, column, message);
    } else {
        snprintf(destination, CFX_MESSAGE_SIZE, "line %d: %s", line, message);
    }
}

// Called by libxml2 for each parser or validity error of this reader only (the context is the reader).
static void cfx_reader_on_error(void *context, const xmlError *error) {
    cfx_reader *reader = context;
    if (error->domain == XML_FROM_SCHEMASV) {
        if (reader->schema_problem_count >= CFX_MAX_SCHEMA_PROBLEMS) return;
        char *message = malloc(CFX_MESSAGE_SIZE);
        if (message == NULL) return;
        cfx_format(message, error);
        reader->schema_problems[reader->schema_problem_count++] = message;
        return;
    }
    if (error->level >= XML_ERR_ERROR && reader->error[0] == '\0') cfx_format(reader->error, error);
}

static void cfx_reader_structured_handler(void *context, xmlErrorPtr error) { cfx_reader_on_error(context, error); }

// NONET: never fetch. No NOENT (entities stay unexpanded), no DTDLOAD, no DTDATTR, no HUGE (so libxml2's own
// limits hold: depth 256, a text node 10 MB, a name 50,000 bytes). Errors and warnings go to the structured
// handler of each reader, never to stderr.
static const int cfx_reader_options = XML_PARSE_NONET;

static cfx_reader *cfx_reader_wrap(xmlTextReaderPtr raw, const cfx_schema *schema);

cfx_reader *cfx_reader_open(const char *path, const cfx_schema *schema) {
    cfx_init();
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    struct cfx_source *source = calloc(1, sizeof(struct cfx_source));
    if (source == NULL) {
        fclose(file);
        return NULL;
    }
    source->file = file;
    source->line = 1;
    xmlTextReaderPtr raw =
        xmlReaderForIO(cfx_source_read, cfx_source_close, source, path, NULL, cfx_reader_options);
    if (raw == NULL) return NULL;  // libxml2 closed the source
    cfx_reader *reader = cfx_reader_wrap(raw, schema);
    if (reader != NULL) reader->source = source;
    return reader;
}

cfx_reader *cfx_reader_open_memory(const char *bytes, size_t size) {
    cfx_init();
    char *memory = malloc(size + 1);
    if (memory == NULL) return NULL;
    memcpy(memory, bytes, size);
    memory[size] = '\0';
    xmlTextReaderPtr raw = xmlReaderForMemory(memory, (int)size, NULL, NULL, cfx_reader_options);
    cfx_reader *reader = raw == NULL ? NULL : cfx_reader_wrap(raw, NULL);
    if (reader == NULL) {
        free(memory);
        return NULL;
    }
    reader->memory = memory;
    return reader;
}

static cfx_reader *cfx_reader_wrap(xmlTextReaderPtr raw, const cfx_schema *schema) {
    cfx_reader *reader = calloc(1, sizeof(cfx_reader));
    if (reader == NULL) {
        xmlFreeTextReader(raw);
        return NULL;
    }
    reader->schema_problems = calloc(CFX_MAX_SCHEMA_PROBLEMS, sizeof(char *));
    if (reader->schema_problems == NULL) {
        xmlFreeTextReader(raw);
        free(reader);
        return NULL;
    }
    reader->reader = raw;
    xmlTextReaderSetStructuredErrorHandler(raw, cfx_reader_structured_handler, reader);
    if (schema != NULL && xmlTextReaderSetSchema(raw, schema->schema) != 0) {
        snprintf(reader->error, CFX_MESSAGE_SIZE, "the schema cannot be attached to the reader");
    }
    return reader;
}

int cfx_reader_next(cfx_reader *reader) {
    if (reader->error[0] != '\0') return -1;
    int result = xmlTextReaderRead(reader->reader);
    if (reader->source != NULL && reader->source->refusal[0] != '\0') {
        // The bytes were refused: that is the reason, not the I/O error libxml2 saw because of it.
        snprintf(reader->error, CFX_MESSAGE_SIZE, "%s", reader->source->refusal);
        return -1;
    }
    if (result == 1 && xmlTextReaderNodeType(reader->reader) == XML_READER_TYPE_DOCUMENT_TYPE) {
        snprintf(reader->error, CFX_MESSAGE_SIZE,
                 "line %d: a DOCTYPE is not allowed in a feed (it could declare external or expanding entities)",
                 xmlTextReaderGetParserLineNumber(reader->reader));
        return -1;
    }
    if (result < 0 && reader->error[0] == '\0') snprintf(reader->error, CFX_MESSAGE_SIZE, "malformed XML");
    return reader->error[0] != '\0' ? -1 : result;
}

int cfx_reader_node_type(cfx_reader *reader) { return xmlTextReaderNodeType(reader->reader); }
int cfx_reader_depth(cfx_reader *reader) { return xmlTextReaderDepth(reader->reader); }
int cfx_reader_is_empty_element(cfx_reader *reader) { return xmlTextReaderIsEmptyElement(reader->reader); }
int cfx_reader_line(cfx_reader *reader) { return xmlTextReaderGetParserLineNumber(reader->reader); }

const char *cfx_reader_local_name(cfx_reader *reader) {
    return (const char *)xmlTextReaderConstLocalName(reader->reader);
}

const char *cfx_reader_namespace(cfx_reader *reader) {
    return (const char *)xmlTextReaderConstNamespaceUri(reader->reader);
}

const char *cfx_reader_value(cfx_reader *reader) { return (const char *)xmlTextReaderConstValue(reader->reader); }

char *cfx_reader_attribute(cfx_reader *reader, const char *name) {
    return (char *)xmlTextReaderGetAttribute(reader->reader, (const xmlChar *)name);
}

void cfx_free(void *pointer) {
    if (pointer != NULL) xmlFree(pointer);
}

const char *cfx_reader_error(cfx_reader *reader) { return reader->error[0] != '\0' ? reader->error : NULL; }

int cfx_reader_schema_problem_count(cfx_reader *reader) { return reader->schema_problem_count; }

const char *cfx_reader_schema_problem(cfx_reader *reader, int index) {
    return index >= 0 && index < reader->schema_problem_count ? reader->schema_problems[index] : NULL;
}

void cfx_reader_close(cfx_reader *reader) {
    xmlFreeTextReader(reader->reader);
    for (int index = 0; index < reader->schema_problem_count; index++) free(reader->schema_problems[index]);
    free(reader->schema_problems);
    free(reader->memory);
    free(reader);
}
