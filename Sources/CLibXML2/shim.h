// Only the version header: Swift never sees libxml2's API (its headers pull in the system ICU, which clashes
// with Foundation's). This target exists to hand pkg-config's include and link flags to the C target that
// wraps libxml2.
#include <libxml/xmlversion.h>
