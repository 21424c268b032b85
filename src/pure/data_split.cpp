#include "data_split.h"

#include <algorithm>

#include "no_postgres.h"

namespace pd {

std::vector<ByteRange> split_data_file(const std::vector<long long> &member_starts,
                                       const std::vector<long long> &member_raw, long long file_size,
                                       int max_parts, long long min_part) {
    std::vector<ByteRange> ranges;
    bool plain = member_starts.empty();
    if (!plain && member_raw.size() != member_starts.size())
        return ranges;
    /* cumulative uncompressed bytes before each member, and in all */
    std::vector<long long> before;
    long long total = 0;
    for (long long raw : member_raw) {
        before.push_back(total);
        total += raw;
    }
    if (plain)
        total = file_size;
    if (max_parts < 2 || min_part <= 0 || total < 2 * min_part)
        return ranges;
    long long parts = std::min<long long>(max_parts, total / min_part);
    long long last_cut = plain ? file_size - kPlainTail : file_size - 1;
    std::vector<long long> cuts{0}, cut_raw{0};
    for (long long i = 1; i < parts; i++) {
        long long target = total / parts * i;
        long long cut = target, raw = target;
        if (!plain) {
            auto it = std::lower_bound(before.begin(), before.end(), target);
            if (it == before.end())
                break;
            cut = member_starts[it - before.begin()];
            raw = *it;
        }
        if (cut <= cuts.back() || cut > last_cut)
            continue;
        cuts.push_back(cut);
        cut_raw.push_back(raw);
    }
    if (cuts.size() < 2)
        return ranges;
    for (size_t i = 0; i < cuts.size(); i++) {
        bool last = i + 1 == cuts.size();
        ranges.push_back(ByteRange{cuts[i], last ? file_size : cuts[i + 1], (last ? total : cut_raw[i + 1]) - cut_raw[i]});
    }
    return ranges;
}

long long stream_size_hint(unsigned long isize, long long compressed_size) {
    const long long wrap = 1LL << 32;
    long long hint = (long long) (isize & 0xffffffffUL);
    /*
     * Deflate adds at most 5 bytes per 64 kB stored block, gzip 18 bytes of
     * header and trailer plus optional fields: a file up to that much larger
     * than its text did not wrap (an empty table's 25-byte file of ISIZE 0
     * was taken for 4 GB, ranked first and cut in pieces, and the real
     * largest table was loaded whole).
     */
    if (compressed_size <= hint + hint / 8192 + kGzipOverheadBound)
        return hint;
    if (compressed_size > hint)
        hint += (compressed_size - hint + wrap - 1) / wrap * wrap;
    return hint;
}

std::vector<ByteRange> split_stream_file(long long raw_hint, int max_parts, long long min_part) {
    std::vector<ByteRange> ranges = split_data_file({}, {}, raw_hint, max_parts, min_part);
    for (ByteRange &r : ranges)
        r.lines = true;
    if (!ranges.empty())
        ranges.back().end = kToEnd;
    return ranges;
}

} // namespace pd
