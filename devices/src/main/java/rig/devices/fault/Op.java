package rig.devices.fault;

/** The operations a Java device serves, as the journal and the rule filters name them. */
enum Op {
    READ, WRITE, FLUSH, DISCARD;

    /** The bit of this operation in a rule's operation mask. */
    int bit() {
        return 1 << ordinal();
    }

    static final Op[] VALUES = values();
}
