// The byte scanner in front of libxml2 (cfx_internal.h).
#include "cfx_internal.h"

#include <stdio.h>
#include <string.h>

static void cfx_remember(struct cfx_scanner *source, char byte) {
    source->recent[0] = source->recent[1];
    source->recent[1] = source->recent[2];
    source->recent[2] = byte;
}

/// Whether a byte inside a start or end tag (outside quotes) changes anything: its end, a quote, an '=' or a line.
static int cfx_matters_in_tag(char byte) { return byte == '>' || byte == '"' || byte == '\'' || byte == '=' || byte == '\n'; }

int cfx_scan(struct cfx_scanner *source, const char *bytes, int count) {
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
        if (source->state == CFX_IN_TAG && !cfx_matters_in_tag(bytes[index])) {
            // A tag's name (nearly all of its bytes) only passes by; nothing after a tag reads the bytes remembered.
            while (index + 1 < count && !cfx_matters_in_tag(bytes[index + 1])) index++;
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

