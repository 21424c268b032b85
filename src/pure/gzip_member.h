/*
 * Compresses one chunk of a data file into one complete gzip member.
 * pg_restore (zlib gzread) reads concatenated members as one stream, so a
 * data file is written as a sequence of members of about 1 MB input each.
 *
 * Each member's header carries an extra field (RFC 1952 FEXTRA, subfield
 * "PD") with the member's total size, so that a reader can step from member
 * to member without decompressing: pd_restore uses it to load one big
 * table with several workers.  A member is cut where a row ends, so a
 * reader may begin at any "PD" member.  The one exception is a row longer
 * than kGzipMemberMaxInput (a value of hundreds of MB, escaped in pieces): it goes on
 * in the following members, and each of those carries the subfield "PC"
 * (continuation) instead, with the same layout.  A "PC" member must never
 * begin a reader's piece; it belongs to the "PD" member before it.
 * gzip readers skip extra fields (zlib does; pg_restore and gunzip read
 * such files).
 */
#pragma once

#include <cstddef>
#include <cstdint>

struct libdeflate_compressor;

namespace pd {

/* Input bytes collected before a member is compressed and written. */
constexpr size_t kGzipMemberInput = 1024 * 1024;

/*
 * A row is cut (and goes on in continuation members) only where a member's
 * input would pass this, so rows up to ~4 MB stay whole in one member and
 * every member stays within what GzipReader decodes in one go.
 */
constexpr size_t kGzipMemberMaxInput = 4 * 1024 * 1024;

/* Bytes of a member's header, extra field included. */
constexpr size_t kGzipHeaderSize = 20;

/* The libdeflate level of pg_dump's default -Z (-1): see gzip_level_for. */
constexpr int kGzipDefaultLevel = 1;

/* libdeflate level used for pg_dump's -Z value (-1 = default). */
int gzip_level_for(int pg_dump_level) noexcept;

/* Returns nullptr when out of memory; free with gzip_free. */
libdeflate_compressor *gzip_new(int pg_dump_level) noexcept;
void gzip_free(libdeflate_compressor *c) noexcept;

/* Output capacity that is always enough for n input bytes. */
size_t gzip_member_bound(libdeflate_compressor *c, size_t n) noexcept;

/*
 * Returns the member's size, or 0 if out_cap was too small.  continues_row:
 * in[] begins in the middle of a row that an earlier member began ("PC").
 */
size_t gzip_member(libdeflate_compressor *c, const char *in, size_t n, char *out, size_t out_cap,
                   bool continues_row = false) noexcept;

/*
 * The total size a member header written by gzip_member() for a member that
 * begins a row ("PD") announces, from its first kGzipHeaderSize bytes; 0
 * when the header is not such a one (a continuation, pg_dump's, corrupt, or
 * too short).  So a reader that knows only "PD" never begins inside a row.
 */
uint64_t gzip_member_size(const unsigned char *header, size_t n) noexcept;

/* The same for a continuation member ("PC"); 0 for anything else. */
uint64_t gzip_continuation_size(const unsigned char *header, size_t n) noexcept;

/* Bytes in a gzip trailer that give the uncompressed size (ISIZE, modulo 4 GB). */
constexpr size_t kGzipIsizeBytes = 4;

/* The uncompressed size (modulo 4 GB) a member's last kGzipIsizeBytes bytes give. */
uint32_t gzip_trailer_isize(const unsigned char *last) noexcept;

} // namespace pd
