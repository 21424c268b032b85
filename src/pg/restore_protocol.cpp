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
