// Every libxml2 call of OCOP Connect lives here, behind the opaque handles of include/CFeedXML.h.
#include "CFeedXML.h"
#include "cfx_internal.h"

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
void cfx_init(void) { pthread_once(&cfx_once, cfx_initialize); }

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

void cfx_copy_error(char *destination, size_t size, const xmlError *error, const char *fallback) {
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

// MARK: - Format

void cfx_format(char *destination, const xmlError *error) {
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

// MARK: - Reader (workbook parts)

struct cfx_reader {
    xmlTextReaderPtr reader;
    char error[CFX_MESSAGE_SIZE];
    char *memory;  // the document's bytes (libxml2 does not copy them)
};

// Called by libxml2 for each parser error of this reader only (the context is the reader).
static void cfx_reader_structured_handler(void *context, xmlErrorPtr error) {
    cfx_reader *reader = context;
    if (error->level >= XML_ERR_ERROR && reader->error[0] == '\0') cfx_format(reader->error, error);
}

// NONET: never fetch. No NOENT (entities stay unexpanded), no DTDLOAD, no DTDATTR, no HUGE (so libxml2's own
// limits hold: depth 256, a text node 10 MB, a name 50,000 bytes). Errors and warnings go to the structured
// handler of each reader, never to stderr.
static const int cfx_reader_options = XML_PARSE_NONET;

cfx_reader *cfx_reader_open_memory(const char *bytes, size_t size) {
    cfx_init();
    cfx_reader *reader = calloc(1, sizeof(cfx_reader));
    char *memory = malloc(size + 1);
    if (reader == NULL || memory == NULL) {
        free(reader);
        free(memory);
        return NULL;
    }
    memcpy(memory, bytes, size);
    memory[size] = '\0';
    reader->memory = memory;
    reader->reader = xmlReaderForMemory(memory, (int)size, NULL, NULL, cfx_reader_options);
    if (reader->reader == NULL) {
        free(memory);
        free(reader);
        return NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(reader->reader, cfx_reader_structured_handler, reader);
    return reader;
}

int cfx_reader_next(cfx_reader *reader) {
    if (reader->error[0] != '\0') return -1;
    int result = xmlTextReaderRead(reader->reader);
    if (result == 1 && xmlTextReaderNodeType(reader->reader) == XML_READER_TYPE_DOCUMENT_TYPE) {
        snprintf(reader->error, CFX_MESSAGE_SIZE,
                 "line %d: a DOCTYPE is not allowed (it could declare external or expanding entities)",
                 xmlTextReaderGetParserLineNumber(reader->reader));
        return -1;
    }
    if (result < 0 && reader->error[0] == '\0') snprintf(reader->error, CFX_MESSAGE_SIZE, "malformed XML");
    return reader->error[0] != '\0' ? -1 : result;
}

int cfx_reader_node_type(cfx_reader *reader) { return xmlTextReaderNodeType(reader->reader); }
int cfx_reader_is_empty_element(cfx_reader *reader) { return xmlTextReaderIsEmptyElement(reader->reader); }

const char *cfx_reader_local_name(cfx_reader *reader) {
    return (const char *)xmlTextReaderConstLocalName(reader->reader);
}

const char *cfx_reader_value(cfx_reader *reader) { return (const char *)xmlTextReaderConstValue(reader->reader); }

char *cfx_reader_attribute(cfx_reader *reader, const char *name) {
    return (char *)xmlTextReaderGetAttribute(reader->reader, (const xmlChar *)name);
}

void cfx_free(void *pointer) {
    if (pointer != NULL) xmlFree(pointer);
}

const char *cfx_reader_error(cfx_reader *reader) { return reader->error[0] != '\0' ? reader->error : NULL; }

void cfx_reader_close(cfx_reader *reader) {
    xmlFreeTextReader(reader->reader);
    free(reader->memory);
    free(reader);
}
