package org.lowrank.data;

/**
 * Training-time augmentation of {@link ImageIterator}: zero-pad by {@code pad} pixels on each side, take a random
 * crop of the original size, and flip horizontally with probability 1/2 if {@code flip}. The standard CIFAR
 * recipe is {@code new Augmentation(4, true)}; padding uses pixel value 0 before normalisation, like
 * torchvision's {@code RandomCrop(32, padding=4)}.
 */
public record Augmentation(int pad, boolean flip) {
    /** Validates. */
    public Augmentation {
        if (pad < 0 || pad > 64) throw new IllegalArgumentException("pad must be in 0..64, got " + pad);
    }

    /** No augmentation. */
    public static Augmentation none() { return new Augmentation(0, false); }

    /** Pad 4, random crop, horizontal flip (CIFAR standard). */
    public static Augmentation cifar() { return new Augmentation(4, true); }

    /** Whether this augmentation changes anything. */
    public boolean active() { return pad > 0 || flip; }
}
