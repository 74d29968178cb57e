// What the C files of CFeedXML share, and Swift never sees: message formatting, the schema's handle, and the
// byte scanner in front of the parser.
#ifndef CFX_INTERNAL_H
#define CFX_INTERNAL_H

#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <stddef.h>

#define CFX_MESSAGE_SIZE 512
#define CFX_MAX_ATTRIBUTES 1000

struct cfx_schema {
    xmlSchemaPtr schema;
};

/// Initialises libxml2 once per process.
void cfx_init(void);
/// Copies `error`'s message (or `fallback`) into `destination`, without its trailing newline.
void cfx_copy_error(char *destination, size_t size, const xmlError *error, const char *fallback);
/// `line L, column C: reason`, as libxml2 gives them (a column of 0 is unknown and left out), in
/// CFX_MESSAGE_SIZE bytes.
void cfx_format(char *destination, const xmlError *error);

// The bytes of a feed file on their way to libxml2, looked at once as they pass: an element with more
// attributes than any feed needs is refused before the parser (whose duplicate check in 2.9 is quadratic in
// the number of attributes) holds them all.
enum cfx_scan_state { CFX_TEXT, CFX_TAG_OPEN, CFX_IN_TAG, CFX_IN_QUOTE, CFX_DECL_START, CFX_COMMENT, CFX_CDATA,
                      CFX_PI, CFX_DECL };

struct cfx_scanner {
    enum cfx_scan_state state;
    char quote;
    int attributes;       // '=' signs in the start tag being read
    int declared;         // bytes of "<!" seen so far, to tell a comment and CDATA from a declaration
    char recent[3];       // the last bytes, for the ends of comments, CDATA and processing instructions
    int line;             // the line the bytes being scanned start on
    char refusal[CFX_MESSAGE_SIZE];  // why the bytes were refused; empty while they are not
};

/// Scans `count` bytes; -1 when an element passes the attribute limit (the reason is in `refusal`).
int cfx_scan(struct cfx_scanner *scanner, const char *bytes, int count);

#endif
