// The byte scanner in front of libxml2 (cfx_internal.h).
#include "cfx_internal.h"

#include <stdio.h>
#include <string.h>

static void cfx_remember(struct cfx_scanner *scanner, char byte) {
    scanner->recent[0] = scanner->recent[1];
    scanner->recent[1] = scanner->recent[2];
    scanner->recent[2] = byte;
}

/// The line breaks in `count` bytes, in a loop the compiler vectorises.
static int cfx_count_lines(const char *bytes, int count) {
    int lines = 0;
    for (int index = 0; index < count; index++) lines += bytes[index] == '\n';
    return lines;
}

/// The bytes that change anything inside a tag, outside quotes: its end, a quote, an '='.
static const unsigned char cfx_tag_stops[256] = {['>'] = 1, ['"'] = 1, ['\''] = 1, ['='] = 1};

int cfx_scan(struct cfx_scanner *scanner, const char *bytes, int count) {
    static const char cdata[] = "[CDATA[";
    int index = 0;
    while (index < count) {
        // Most bytes are text between tags, a tag's name, or a quoted value: each passed over at memchr's speed
        // (or nearly), with no state to keep. Only the few bytes that change the state go through the switch.
        if (scanner->state == CFX_TEXT) {
            const char *open = memchr(bytes + index, '<', (size_t)(count - index));
            if (open == NULL) break;
            index = (int)(open - bytes) + 1;
            cfx_remember(scanner, '<');
            scanner->state = CFX_TAG_OPEN;
            continue;
        }
        if (scanner->state == CFX_IN_QUOTE) {
            const char *end = memchr(bytes + index, scanner->quote, (size_t)(count - index));
            if (end == NULL) break;
            index = (int)(end - bytes) + 1;
            scanner->state = CFX_IN_TAG;
            continue;
        }
        if (scanner->state == CFX_IN_TAG) {
            while (index < count && !cfx_tag_stops[(unsigned char)bytes[index]]) index++;
            if (index == count) break;
        }
        char byte = bytes[index++];
        cfx_remember(scanner, byte);
        switch (scanner->state) {
        case CFX_TEXT:
        case CFX_IN_QUOTE:
            break;  // handled above
        case CFX_TAG_OPEN:
            scanner->attributes = 0;
            scanner->declared = 0;
            scanner->state = byte == '!' ? CFX_DECL_START : byte == '?' ? CFX_PI : CFX_IN_TAG;
            break;
        case CFX_DECL_START:
            if (scanner->declared < 2 && byte == '-') {
                if (++scanner->declared == 2) scanner->state = CFX_COMMENT;
            } else if (scanner->declared < 7 && byte == cdata[scanner->declared]) {
                if (++scanner->declared == 7) scanner->state = CFX_CDATA;
            } else {
                scanner->state = byte == '>' ? CFX_TEXT : CFX_DECL;
            }
            break;
        case CFX_COMMENT:
            if (byte == '>' && scanner->recent[0] == '-' && scanner->recent[1] == '-') scanner->state = CFX_TEXT;
            break;
        case CFX_CDATA:
            if (byte == '>' && scanner->recent[0] == ']' && scanner->recent[1] == ']') scanner->state = CFX_TEXT;
            break;
        case CFX_PI:
            if (byte == '>' && scanner->recent[1] == '?') scanner->state = CFX_TEXT;
            break;
        case CFX_DECL:
            if (byte == '>') scanner->state = CFX_TEXT;
            break;
        case CFX_IN_TAG:
            if (byte == '>') {
                scanner->state = CFX_TEXT;
            } else if (byte == '"' || byte == '\'') {
                scanner->quote = byte;
                scanner->state = CFX_IN_QUOTE;
            } else if (byte == '=' && ++scanner->attributes > CFX_MAX_ATTRIBUTES) {
                snprintf(scanner->refusal, CFX_MESSAGE_SIZE,
                         "line %d: an element has more than %d attributes; no feed needs so many",
                         scanner->line + cfx_count_lines(bytes, index), CFX_MAX_ATTRIBUTES);
                return -1;
            }
            break;
        }
    }
    scanner->line += cfx_count_lines(bytes, count);
    return 0;
}
