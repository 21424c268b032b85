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
 * An existing directory is used only if no one but the server's OS user
 * can have put files in it or can add some later (another OS user could
 * otherwise pre-create a predictable name and swap in their own toc.dat).
 */
void check_existing_directory(const char *dir) {
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat lst;
    if (fd < 0 && (errno == ELOOP || errno == ENOTDIR) && lstat(dir, &lst) == 0 && S_ISLNK(lst.st_mode))
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("archive directory \"%s\" is a symbolic link", dir),
                        errhint("Name the directory itself, or a path that does not exist yet.")));
    if (fd < 0 && errno == ENOTDIR)
        ereport(ERROR, (errcode(ERRCODE_DUPLICATE_FILE),
                        errmsg("could not create directory \"%s\": File exists", dir),
                        errhint("Choose a path that does not exist yet.")));
    if (fd < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open directory \"%s\": %m", dir)));
    struct stat st;
    int rc = fstat(fd, &st);
    int save_errno = errno;
    close(fd);
    errno = save_errno;
    if (rc != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not stat directory \"%s\": %m", dir)));
    if (!directory_is_empty(dir))
        ereport(ERROR, (errcode(ERRCODE_DUPLICATE_FILE),
                        errmsg("could not create directory \"%s\": File exists", dir),
                        errdetail("The directory is not empty."),
                        errhint("pd_dump never writes into an existing archive; choose a new path.")));
    if (st.st_uid != geteuid())
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("archive directory \"%s\" is not owned by the server's operating system user", dir),
                        errdetail("Another user could replace the archive's files."),
                        errhint("Choose a path that does not exist yet; pd_dump creates it.")));
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                        errmsg("archive directory \"%s\" is writable by group or others", dir),
                        errdetail("Another user could replace the archive's files."),
                        errhint("Remove the group's and others' write permission (chmod go-w), or choose a path "
                                "that does not exist yet.")));
}

void write_file(const char *path, int fd, const char *data, size_t len) {
    size_t done = 0;
    while (done < len) {
        errno = 0;
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (errno == 0)
                errno = ENOSPC;
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not write to file \"%s\": %m", path)));
        }
        done += (size_t) n;
    }
}

} // namespace

void pd_create_archive_directory(const char *dir, bool *created, volatile bool *claimed) {
    struct stat st;
    *created = false;
    if (lstat(dir, &st) == 0) {
        check_existing_directory(dir);
    } else {
        if (MakePGDirectory(dir) != 0)
            ereport(ERROR, (errcode_for_file_access(), errmsg("could not create directory \"%s\": %m", dir)));
        *created = true;
    }
    char *tmp = psprintf("%s/" PD_TOC_TMP_NAME, dir);
    int fd = OpenTransientFile(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | PG_BINARY);
    if (fd < 0 && errno == EEXIST)
        ereport(ERROR, (errcode(ERRCODE_DUPLICATE_FILE), errmsg("could not create file \"%s\": %m", tmp),
                        errdetail("Another pd_dump is writing into directory \"%s\".", dir)));
    if (fd < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not create file \"%s\": %m", tmp)));
    *claimed = true;
    if (CloseTransientFile(fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not close file \"%s\": %m", tmp)));
    pfree(tmp);
}

void pd_write_toc(const char *dir, PdTocChunk next, void *arg) {
    char *tmp = psprintf("%s/" PD_TOC_TMP_NAME, dir);
    char *final_name = psprintf("%s/toc.dat", dir);
    /* the file this dump claimed the directory with */
    int fd = OpenTransientFile(tmp, O_WRONLY | O_TRUNC | O_NOFOLLOW | PG_BINARY);
    if (fd < 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not open file \"%s\": %m", tmp)));
    const char *data;
    size_t len;
    while (next(arg, &data, &len))
        write_file(tmp, fd, data, len);
    if (pg_fsync(fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not fsync file \"%s\": %m", tmp)));
    if (CloseTransientFile(fd) != 0)
        ereport(ERROR, (errcode_for_file_access(), errmsg("could not close file \"%s\": %m", tmp)));
    /* the data files were fsynced by their writers; the rename makes the archive whole */
    (void) durable_rename(tmp, final_name, ERROR);
    fsync_fname(dir, true);
}

void pd_remove_archive_file(const char *dir, const char *name) {
    char path[MAXPGPATH * 2];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    (void) unlink(path);
}

void pd_remove_blob_files(const char *dir, Oid last, const char *suffix) {
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        if (strncmp(name, "blob_", 5) != 0 || name[5] < '0' || name[5] > '9')
            continue;
        char *end;
        errno = 0;
        unsigned long oid = strtoul(name + 5, &end, 10);
        if (errno != 0 || oid > last || strcmp(end, suffix) != 0)
            continue;
        pd_remove_archive_file(dir, name);
    }
    closedir(d);
}

void pd_remove_archive_dir(const char *dir) { (void) rmdir(dir); }
