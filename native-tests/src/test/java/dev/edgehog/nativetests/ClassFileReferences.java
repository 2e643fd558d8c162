// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one class file refers to, read from its constant pool: the classes it names
 * ({@code CONSTANT_Class}) and the fields and methods it uses ({@code CONSTANT_Fieldref},
 * {@code Methodref}, {@code InterfaceMethodref}). Every call, field access, {@code new}, cast and
 * method reference in the bytecode goes through one of these entries, so a member that is not in
 * the pool is not used. A small parser of the JVM specification's class-file format (chapter 4):
 * JDK 17 has no public class-file API, and this needs nothing more.
 *
 * @param className the class's binary name in internal form ({@code dev/edgehog/PostHog})
 * @param classes the internal names of every class entry (array types as descriptors)
 * @param members every member reference
 */
record ClassFileReferences(String className, Set<String> classes, Set<Member> members) {

    /**
     * A field or method reference.
     *
     * @param owner the internal name of the class it is looked up in
     * @param name the member's name
     * @param descriptor its type descriptor
     */
    record Member(String owner, String name, String descriptor) implements Comparable<Member> {
        @Override
        public int compareTo(Member o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return owner + "." + name + descriptor;
        }
    }

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    /**
     * Reads a class file.
     *
     * @param bytes the class file's content
     * @return its references
     * @throws IOException when the bytes are not a well-formed class file
     */
    static ClassFileReferences read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file (bad magic)");
        }
        in.readUnsignedShort(); // minor_version
        in.readUnsignedShort(); // major_version
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case UTF8 -> utf8[i] = in.readUTF(); // u2 length + modified UTF-8, as readUTF expects
                case INTEGER, FLOAT -> in.readInt();
                case LONG, DOUBLE -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots (JVMS 4.4.5)
                }
                case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> first[i] = in.readUnsignedShort();
                case FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case METHOD_HANDLE -> {
                    first[i] = in.readUnsignedByte();
                    second[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        in.readUnsignedShort(); // access_flags
        int thisClass = in.readUnsignedShort();

        Set<String> classes = new TreeSet<>();
        Set<Member> members = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case CLASS -> classes.add(utf8(utf8, tags, first[i]));
                case FIELDREF, METHODREF, INTERFACE_METHODREF -> {
                    int classEntry = first[i];
                    int nameAndType = second[i];
                    if (tags[classEntry] != CLASS || tags[nameAndType] != NAME_AND_TYPE) {
                        throw new IOException("malformed member reference at entry " + i);
                    }
                    members.add(new Member(utf8(utf8, tags, first[classEntry]), utf8(utf8, tags, first[nameAndType]),
                            utf8(utf8, tags, second[nameAndType])));
                }
                default -> {
                }
            }
        }
        if (thisClass <= 0 || thisClass >= count || tags[thisClass] != CLASS) {
            throw new IOException("this_class is not a class entry");
        }
        return new ClassFileReferences(utf8(utf8, tags, first[thisClass]), classes, members);
    }

    private static String utf8(String[] utf8, int[] tags, int index) throws IOException {
        if (index <= 0 || index >= tags.length || tags[index] != UTF8) {
            throw new IOException("entry " + index + " is not a UTF-8 constant");
        }
        return utf8[index];
    }
}
