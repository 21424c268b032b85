/* Packing and unpacking pd_restore's batches and replies (restore_protocol.h). */
#include "restore_protocol.h"

void pd_restore_item_pack(StringInfo buf, const PdRestoreItemHead *head, const char *const strings[PD_ITEM_STRINGS]) {
    appendBinaryStringInfo(buf, (const char *) head, sizeof *head);
    for (int i = 0; i < PD_ITEM_STRINGS; i++) {
        int32 len = strings[i] ? (int32) strlen(strings[i]) : -1;
        appendBinaryStringInfo(buf, (const char *) &len, sizeof len);
        if (len > 0)
            appendBinaryStringInfo(buf, strings[i], len);
    }
}

bool pd_restore_item_unpack(const char *data, Size len, PdRestoreItemHead *head, char *strings[PD_ITEM_STRINGS]) {
    if (len < sizeof *head)
        return false;
    memcpy(head, data, sizeof *head);
    Size pos = sizeof *head;
    for (int i = 0; i < PD_ITEM_STRINGS; i++) {
        int32 n;
        if (len - pos < sizeof n)
            return false;
        memcpy(&n, data + pos, sizeof n);
        pos += sizeof n;
        if (n < 0) {
            strings[i] = NULL;
            continue;
        }
        if ((Size) n > len - pos)
            return false;
        strings[i] = pnstrdup(data + pos, n);
        pos += n;
    }
    return pos == len;
}

void pd_restore_batch_begin(StringInfo buf) {
    int32 count = 0;
    appendBinaryStringInfo(buf, (const char *) &count, sizeof count);
}

void pd_restore_batch_add(StringInfo buf, const PdRestoreItemHead *head, const char *const strings[PD_ITEM_STRINGS]) {
    int32 count, len = 0;
    int at = buf->len;
    appendBinaryStringInfo(buf, (const char *) &len, sizeof len);
    pd_restore_item_pack(buf, head, strings);
    len = buf->len - at - (int) sizeof len;
    memcpy(buf->data + at, &len, sizeof len);
    memcpy(&count, buf->data, sizeof count);
    count++;
    memcpy(buf->data, &count, sizeof count);
}

int32 pd_restore_batch_count(const char *data, Size len) {
    int32 count;
    if (len < sizeof count)
        return -1;
    memcpy(&count, data, sizeof count);
    return count;
}

bool pd_restore_batch_next(const char *data, Size len, Size *pos, const char **item, Size *item_len) {
    int32 n;
    if (*pos == 0)
        *pos = sizeof(int32);
    if (len < *pos || len - *pos < sizeof n)
        return false;
    memcpy(&n, data + *pos, sizeof n);
    *pos += sizeof n;
    if (n < 0 || (Size) n > len - *pos)
        return false;
    *item = data + *pos;
    *item_len = (Size) n;
    *pos += n;
    return true;
}

void pd_restore_reply_add(StringInfo buf, char result, int32 item, const char *message) {
    int32 mlen = message ? (int32) strlen(message) : 0;
    appendStringInfoChar(buf, result);
    appendBinaryStringInfo(buf, (const char *) &item, sizeof item);
    appendBinaryStringInfo(buf, (const char *) &mlen, sizeof mlen);
    if (mlen > 0)
        appendBinaryStringInfo(buf, message, mlen);
}

bool pd_restore_reply_next(const char *data, Size len, Size *pos, char *result, int32 *item, char **message) {
    int32 mlen;
    if (*pos >= len)
        return false;
    if (len - *pos < 1 + sizeof *item + sizeof mlen)
        elog(ERROR, "parallel_dump restore worker sent a malformed reply");
    *result = data[*pos];
    memcpy(item, data + *pos + 1, sizeof *item);
    memcpy(&mlen, data + *pos + 1 + sizeof *item, sizeof mlen);
    *pos += 1 + sizeof *item + sizeof mlen;
    if (mlen < 0 || (Size) mlen > len - *pos)
        elog(ERROR, "parallel_dump restore worker sent a malformed reply");
    *message = mlen > 0 ? pnstrdup(data + *pos, mlen) : NULL;
    *pos += mlen;
    return true;
}
