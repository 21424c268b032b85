/*
 * Checks the COPY text of a data file without loading it: every data line
 * has as many columns as its COPY statement names, the "\." end-of-data
 * line is there, and only empty lines follow it.  Fed in pieces of any
 * size; memory is constant whatever the length of a line.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace pd {

/*
 * The number of columns of "COPY name (a, "b c") FROM stdin;" (0 for
 * "COPY name  FROM stdin;"), or -1 when the statement is not of that form.
 */
int copy_statement_columns(const std::string &stmt);

class CopyDataChecker {
  public:
    /* columns < 0: the line's columns are not checked */
    explicit CopyDataChecker(int columns) : columns_(columns) {}
    /* Returns false once a problem was found (problem() says what); stops looking then. */
    bool feed(const char *data, size_t len);
    /* The end of the file: false if the end-of-data line is missing. */
    bool finish();
    const std::string &problem() const { return problem_; }
    uint64_t lines() const { return line_; }

  private:
    bool end_line();
    int columns_;
    uint64_t line_ = 0;      /* complete lines so far */
    uint64_t tabs_ = 0;      /* in the current line */
    size_t line_len_ = 0;    /* of the current line */
    char first_[2] = {0, 0}; /* its first two bytes */
    bool after_trailer_ = false;
    std::string problem_;
};

} // namespace pd
