package rig.fstest.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** btrfs inspect-internal dump-tree -t chunk of a fresh 8 GiB filesystem (btrfs-progs v6.2), and a data chunk added later. */
class BtrfsChunksTest {
    static final String DUMP = """
            chunk tree
            leaf 22036480 items 4 free space 15781 generation 6 owner CHUNK_TREE
            \titem 0 key (DEV_ITEMS DEV_ITEM 1) itemoff 16185 itemsize 98
            \t\tdevid 1 total_bytes 8589934592 bytes_used 562036736
            \titem 1 key (FIRST_CHUNK_TREE CHUNK_ITEM 13631488) itemoff 16105 itemsize 80
            \t\tlength 8388608 owner 2 stripe_len 65536 type DATA|single
            \t\tio_align 65536 io_width 65536 sector_size 4096
            \t\tnum_stripes 1 sub_stripes 1
            \t\t\tstripe 0 devid 1 offset 13631488
            \t\t\tdev_uuid e34cca07-12a4-4831-9d8c-10ec48f41fc6
            \titem 3 key (FIRST_CHUNK_TREE CHUNK_ITEM 30408704) itemoff 15881 itemsize 112
            \t\tlength 268435456 owner 2 stripe_len 65536 type METADATA|DUP
            \t\tnum_stripes 2 sub_stripes 1
            \t\t\tstripe 0 devid 1 offset 38797312
            \t\t\tstripe 1 devid 1 offset 307232768
            \titem 4 key (FIRST_CHUNK_TREE CHUNK_ITEM 298844160) itemoff 15801 itemsize 80
            \t\tlength 872415232 owner 2 stripe_len 65536 type DATA|single
            \t\tnum_stripes 1 sub_stripes 1
            \t\t\tstripe 0 devid 1 offset 575668224
            """;

    @Test
    void logicalAddressesMapToTheirChunksDeviceOffsets() {
        BtrfsChunks c = BtrfsChunks.parse(DUMP);
        assertEquals(3, c.chunks().size());
        BtrfsChunks.Chunk data = c.at(299892736).orElseThrow();
        assertEquals("DATA|single", data.type());
        assertEquals(575668224L + (299892736L - 298844160L), data.physicalOf(299892736));
        assertEquals(38797312L, c.at(30408704).orElseThrow().physical(), "DUP: the first stripe");
        assertTrue(c.at(5).isEmpty());
        BtrfsChunks.Chunk meta = c.at(30408704).orElseThrow();
        assertEquals(2, meta.stripes().size());
        assertEquals(307232768L + 4096, meta.physicalOf(30408704 + 4096, 1), "the second copy");
    }
}
