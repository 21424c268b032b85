/*
 * Splitting one table's data file so that several workers load it at once.
 * A piece is a byte range [start, end) of the file:
 *  - gzip files of pd_dump: pieces begin at the starts of "PD" members (each
 *    begins a row; a row longer than the longest member goes on in "PC"
 *    members, which are counted with the member before them and never begin
 *    a piece; see gzip_member.h), found by stepping through the headers;
 *  - uncompressed files: pieces begin anywhere; a piece loads the rows that
 *    begin inside it (the reader skips a row begun before its start and
 *    finishes the row that crosses its end).
 * pg_dump's gzip files are one stream: no byte of them begins a piece.
 * They are cut in ranges of UNCOMPRESSED offsets instead (split_stream_file):
 * each worker inflates from the start, drops what comes before its range and
 * loads the lines (rows) that begin inside it (line_window.h).
 */
#pragma once

#include <cstdint>
#include <vector>

namespace pd {

struct ByteRange {
    long long start = 0;
    long long end = 0;
    long long raw = 0; /* uncompressed bytes in it */
    bool lines = false; /* start and end are offsets in the uncompressed text (split_stream_file) */
};

/*
 * Up to max_parts ranges covering [0, file_size), each with about the same
 * uncompressed bytes but no fewer than min_part; fewer than two means "do
 * not split" (an empty result).  member_starts and member_raw: for a gzip
 * file, the offset and uncompressed size of each member in order (the first
 * at 0); both empty for an uncompressed file, which keeps its last
 * kPlainTail bytes (the end-of-data marker) in the last piece.
 */
std::vector<ByteRange> split_data_file(const std::vector<long long> &member_starts,
                                       const std::vector<long long> &member_raw, long long file_size,
                                       int max_parts, long long min_part);

constexpr long long kPlainTail = 4096;

/* The end of a piece that goes on to the end of the file, whatever its size. */
constexpr long long kToEnd = 0x7fffffffffffffffLL;

/*
 * Uncompressed size of a one-stream gzip file for planning only: isize (the
 * trailer's ISIZE, the size modulo 2^32), plus the fewest 2^32 that make it
 * no smaller than the compressed size when the file is larger than deflate's
 * worst-case expansion of isize bytes could make it.  Only a hint: a forged or damaged
 * trailer changes how the work is shared, never which rows are loaded.
 */
long long stream_size_hint(unsigned long isize, long long compressed_size);
/* Bytes a gzip file may have beyond its text and deflate's 5 per 64 kB block: header, trailer, optional fields. */
constexpr long long kGzipOverheadBound = 1024;

/*
 * Pieces of a one-stream file of about raw_hint uncompressed bytes, as
 * ranges of uncompressed offsets (lines set), cut as split_data_file cuts a
 * plain file; the last piece ends at kToEnd, so every line is in exactly one
 * piece however wrong the hint.  Empty: do not split.
 */
std::vector<ByteRange> split_stream_file(long long raw_hint, int max_parts, long long min_part);

} // namespace pd
