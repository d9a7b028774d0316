package rig.check.engine;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/** One numbered test in the JUnit test plan: display name = id, tags = groups. */
final class FstestDescriptor extends AbstractTestDescriptor {

    private final TestClass test;

    FstestDescriptor(UniqueId parent, TestClass test) {
        super(parent.append(FstestEngine.SEGMENT, test.id()), test.id(), ClassSource.from(test.type()));
        this.test = test;
    }

    TestClass test() {
        return test;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        Set<TestTag> tags = new LinkedHashSet<>();
        for (String g : test.declaration().groups()) {
            if (TestTag.isValid(g)) {
                tags.add(TestTag.create(g));
            }
        }
        return tags;
    }
}
