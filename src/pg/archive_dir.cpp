#include "archive_dir.h"

#include <dirent.h>
#include <sys/stat.h>

namespace {

bool directory_is_empty(const char *dir) {
    DIR *d = AllocateDir(dir);
    struct dirent *de;
    bool empty = true;
    while ((de = ReadDir(d, dir)) != NULL) {
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
            empty = false;
            break;
        }
    }
    FreeDir(d);
    return empty;
}

/*
 * Only names a dump writes: toc.dat, toc.dat.tmp, blobs.toc, <digits>.dat,
 * blob_<digits>.dat, each data file also with .gz.
 */
bool is_archive_file(const char *name) {
    if (strcmp(name, "toc.dat") == 0 || strcmp(name, "toc.dat.tmp") == 0 || strcmp(name, "blobs.toc") == 0)
        return true;
    const char *p = name;
    if (strncmp(p, "blob_", 5) == 0)
        p += 5;
    name = p;
    while (*p >= '0' && *p <= '9')
        p++;
    return p != name && (strcmp(p, ".dat") == 0 || strcmp(p, ".dat.gz") == 0);
}

} // namespace

void pd_create_archive_directory(const char *dir, bool *created) {
    struct stat st;
    *created = false;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            ereport(ERROR, (errcode(ERRCODE_DUPLICATE_FILE),
                            errmsg("could not create directory \"%s\": File exists", dir),
                            errhint("Choose a path that does not exist yet.")));
        if (!directory_is_empty(dir))
            ereport(ERROR, (errcode(ERRCODE_DUPLICATE_FILE),
                            errmsg("could not create directory \"%s\": File exists", dir),
                            errdetail("The directory is not empty."),
                            errhint("pd_dump never writes into an existing archive; choose a new path.")));
        return;
    }
    if (MakePGDirectory(dir) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not create directory \"%s\": %m", dir)));
    *created = true;
}

void pd_write_toc(const char *dir, const char *data, size_t len) {
    char *tmp = psprintf("%s/toc.dat.tmp", dir);
    char *final_name = psprintf("%s/toc.dat", dir);
    int fd = OpenTransientFile(tmp, O_WRONLY | O_CREAT | O_EXCL | PG_BINARY);
    if (fd < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not create file \"%s\": %m", tmp)));
    size_t done = 0;
    while (done < len) {
        errno = 0;
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (errno == 0)
                errno = ENOSPC;
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not write to file \"%s\": %m", tmp)));
        }
        done += (size_t) n;
    }
    if (pg_fsync(fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not fsync file \"%s\": %m", tmp)));
    if (CloseTransientFile(fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not close file \"%s\": %m", tmp)));
    /* the data files were fsynced by their writers; the rename makes the archive whole */
    (void) durable_rename(tmp, final_name, ERROR);
    fsync_fname(dir, true);
}

void pd_remove_archive(const char *dir, bool remove_dir) {
    DIR *d = opendir(dir);
    if (d != NULL) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (!is_archive_file(de->d_name))
                continue;
            char path[MAXPGPATH];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            (void) unlink(path);
        }
        closedir(d);
    }
    if (remove_dir)
        (void) rmdir(dir);
}
