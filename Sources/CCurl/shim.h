#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed wrapper per argument
// kind. Each passes its argument through unchanged, so it is exactly as safe as the call it wraps.
static inline CURLcode ccurl_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }
static inline CURLcode ccurl_setopt_long(CURL *_Nonnull h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_string(CURL *_Nonnull h, CURLoption o, const char *_Nullable v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_setopt_pointer(CURL *_Nonnull h, CURLoption o, void *_Nullable v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_setopt_offset(CURL *_Nonnull h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_setopt_slist(CURL *_Nonnull h, CURLoption o, struct curl_slist *_Nullable v) {
    return curl_easy_setopt(h, o, v);
}
/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION: (data, size, count, userdata) -> bytes taken.
typedef size_t (*ccurl_data_callback)(char *_Nonnull, size_t, size_t, void *_Nullable);
static inline CURLcode ccurl_setopt_data_callback(CURL *_Nonnull h, CURLoption o, ccurl_data_callback _Nonnull f) {
    return curl_easy_setopt(h, o, f);
}
/// CURLOPT_XFERINFOFUNCTION: non-zero aborts the transfer.
typedef int (*ccurl_xferinfo_callback)(void *_Nullable, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode ccurl_setopt_xferinfo_callback(CURL *_Nonnull h, ccurl_xferinfo_callback _Nonnull f) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f);
}
/// CURLAUTH_BASIC is a cast expression, which Swift does not import as a constant.
static const long ccurl_auth_basic = (long)CURLAUTH_BASIC;
static inline CURLcode ccurl_getinfo_long(CURL *_Nonnull h, CURLINFO i, long *_Nonnull v) {
    return curl_easy_getinfo(h, i, v);
}
#endif
