/*
 * backup_manifest in PostgreSQL's format (version 1, as pg_basebackup
 * writes it and pg_verifybackup reads it): the text of each part, so that
 * the caller can hash what it writes, and a bounded parser of untrusted
 * manifests.  SHA-256 itself is computed by the caller (the server's
 * cryptohash); this file only formats and checks hex digests.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pd {

constexpr const char *kManifestName = "backup_manifest";
constexpr size_t kSha256Length = 32;

struct ManifestFile {
    std::string path;
    uint64_t size = 0;
    std::string last_modified;  /* "YYYY-MM-DD HH:MM:SS GMT" */
    std::string algorithm;      /* "SHA256", or "" for none */
    std::string checksum;       /* hex, lower case */
};

/* Lower-case hex of bytes. */
std::string hex_string(const unsigned char *bytes, size_t len);

/* The first lines, up to and including "Files": [ */
std::string manifest_start();
/* One entry of "Files"; the first has no leading comma. */
std::string manifest_file_entry(const ManifestFile &file, bool first);
/* Closes "Files"; what precedes the checksum line, which covers everything up to here. */
std::string manifest_files_end();
/* The last line. */
std::string manifest_checksum_line(const std::string &hex_sha256);

/*
 * What a parse may hold in memory: kManifestMemoryPerByte times the input
 * plus kManifestMemorySlack (a real manifest needs about 1.5 times its size).
 */
constexpr size_t kManifestMemoryPerByte = 8;
constexpr size_t kManifestMemorySlack = 1024 * 1024;

struct Manifest {
    std::vector<ManifestFile> files;
    std::string checksum; /* Manifest-Checksum, hex */
    size_t covered = 0;   /* the Manifest-Checksum covers bytes [0, covered) */
};

/*
 * Parses a manifest as pg_verifybackup does (the version first, then Files,
 * WAL-Ranges and Manifest-Checksum; each file's fields; two lines at least,
 * newline-terminated), never reading past len and never nesting deeper
 * than the format does, within the memory limit above.  Does not check the checksum (the caller hashes
 * bytes [0, covered) and compares).  false with *error on any fault.
 */
bool parse_manifest(const char *bytes, size_t len, Manifest *out, std::string *error);

} // namespace pd
