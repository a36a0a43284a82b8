package org.lowrank.kernel;

import java.util.HashSet;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of every class a cell defines, before JShell loads it:
 * <ul>
 *   <li>a call to {@link CellGuards#stopCheck()} at each method entry and before each backward jump (loop
 *       back-edge), so an interrupt ends {@code while (true) {}} — the same scheme as JShell's own
 *       {@code LocalExecutionControl} since Java 22;</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}, called directly or through a
 *       method reference, replaced by {@link CellGuards} methods that throw a {@link SecurityException}.</li>
 * </ul>
 *
 * <p>Why instrumentation: the kernel used {@code Thread.stop} (throws since Java 20) and a security manager
 * (cannot be installed since Java 24). Rewriting the cells' own classes works the same on Java 17 and 25,
 * needs no agent or JVM flag, and costs one volatile read per loop iteration. What it cannot reach: loops
 * inside library code (a long native ND4J op finishes before the interrupt takes effect; a blocked
 * {@code sleep}/{@code wait}/I/O is ended by {@code Thread.interrupt}) and {@code System.exit} called by a
 * library or through reflection. ASM rather than hand-written class-file code: it is the standard library for
 * this, and {@code java.lang.classfile} exists only from Java 24.
 */
final class CellInstrumentation {
    private static final String GUARDS = CellGuards.class.getName().replace('.', '/');

    private CellInstrumentation() {}

    /** The instrumented class file. */
    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        // No frame recomputation needed: the inserted calls take and leave nothing on the stack.
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                return mv == null ? null : new GuardedMethod(mv);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class GuardedMethod extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        GuardedMethod(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        private void stopCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARDS, "stopCheck", "()V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            stopCheck();
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            seen.add(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) stopCheck(); // a jump back to code already emitted: a loop
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit")
                    && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARDS, "exit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                    && (name.equals("exit") || name.equals("halt")) && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARDS, name, "(Ljava/lang/Runtime;I)V", false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, itf);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
            Object[] mapped = args.clone();
            for (int i = 0; i < mapped.length; i++) {
                if (mapped[i] instanceof Handle) mapped[i] = guarded((Handle) mapped[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bsm, mapped);
        }

        /** {@code System::exit}, {@code Runtime::exit}, {@code Runtime::halt} as method handles, redirected. */
        private static Handle guarded(Handle h) {
            if (h.getTag() == Opcodes.H_INVOKESTATIC && h.getOwner().equals("java/lang/System")
                    && h.getName().equals("exit") && h.getDesc().equals("(I)V")) {
                return new Handle(Opcodes.H_INVOKESTATIC, GUARDS, "exit", "(I)V", false);
            }
            if (h.getTag() == Opcodes.H_INVOKEVIRTUAL && h.getOwner().equals("java/lang/Runtime")
                    && (h.getName().equals("exit") || h.getName().equals("halt")) && h.getDesc().equals("(I)V")) {
                return new Handle(Opcodes.H_INVOKESTATIC, GUARDS, h.getName(), "(Ljava/lang/Runtime;I)V", false);
            }
            return h;
        }
    }
}
