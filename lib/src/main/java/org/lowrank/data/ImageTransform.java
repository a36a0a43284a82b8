package org.lowrank.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * How {@link ImageFolderIterator} turns a decoded image into a {@code size × size} RGB input.
 *
 * <ul>
 *   <li>Training ({@link #training}): torchvision's {@code RandomResizedCrop(size, scale=(minScale, 1),
 *       ratio=(3/4, 4/3))} — a random area fraction and aspect ratio, up to 10 tries, else the centre crop of the
 *       clamped aspect ratio — then a horizontal flip with probability 1/2 if {@code flip}.</li>
 *   <li>Evaluation ({@link #evaluation}): resize the shorter side to {@code resize} and take the centre
 *       {@code size × size} crop (torchvision's {@code Resize(256)} + {@code CenterCrop(224)}).</li>
 * </ul>
 * Resizing is bilinear (Java2D). Random choices come from the generator passed in, so they are reproducible.
 *
 * @param size     output height and width
 * @param random   random-resized crop (training) instead of resize + centre crop
 * @param minScale smallest area fraction of a random crop (0.08 in torchvision)
 * @param flip     random horizontal flip
 * @param resize   shorter side before the centre crop (evaluation; >= size)
 */
public record ImageTransform(int size, boolean random, double minScale, boolean flip, int resize) {
    /** Validates. */
    public ImageTransform {
        if (size < 1 || size > 4096) throw new IllegalArgumentException("size = " + size + "; allowed: 1..4096");
        if (!(minScale > 0 && minScale <= 1)) throw new IllegalArgumentException("minScale = " + minScale + "; allowed: (0, 1]");
        if (resize < size) throw new IllegalArgumentException("resize = " + resize + "; allowed: >= size (" + size + ")");
    }

    /** Random-resized crop to {@code size} (area 8 %–100 %) and random horizontal flip. */
    public static ImageTransform training(int size) {
        return new ImageTransform(size, true, 0.08, true, size);
    }

    /** Shorter side to {@code round(size·256/224)}, centre crop {@code size}. */
    public static ImageTransform evaluation(int size) {
        return new ImageTransform(size, false, 1.0, false, (int) Math.round(size * 256.0 / 224.0));
    }

    /** Applies the transform: a TYPE_INT_RGB image of size × size. */
    public BufferedImage apply(BufferedImage img, SplittableRandom rng) {
        int w = img.getWidth(), h = img.getHeight();
        int cx, cy, cw, ch;
        if (random) {
            int[] crop = randomCrop(w, h, rng);
            cx = crop[0]; cy = crop[1]; cw = crop[2]; ch = crop[3];
        } else {
            // resize shorter side to `resize`, centre crop `size`: the same as cropping the source region that maps to it
            double s = (double) resize / Math.min(w, h);
            cw = Math.max(1, Math.min(w, (int) Math.round(size / s)));
            ch = Math.max(1, Math.min(h, (int) Math.round(size / s)));
            cx = (w - cw) / 2;
            cy = (h - ch) / 2;
        }
        boolean mirror = flip && rng.nextBoolean();
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (mirror) g.drawImage(img, size, 0, 0, size, cx, cy, cx + cw, cy + ch, null);
            else g.drawImage(img, 0, 0, size, size, cx, cy, cx + cw, cy + ch, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** torchvision RandomResizedCrop.get_params: {x, y, w, h}. */
    int[] randomCrop(int width, int height, SplittableRandom rng) {
        double area = (double) width * height;
        double logLo = Math.log(3.0 / 4.0), logHi = Math.log(4.0 / 3.0);
        for (int t = 0; t < 10; t++) {
            double target = area * (minScale + (1 - minScale) * rng.nextDouble());
            double ratio = Math.exp(logLo + (logHi - logLo) * rng.nextDouble());
            int cw = (int) Math.round(Math.sqrt(target * ratio));
            int ch = (int) Math.round(Math.sqrt(target / ratio));
            if (cw > 0 && ch > 0 && cw <= width && ch <= height) {
                int x = rng.nextInt(width - cw + 1), y = rng.nextInt(height - ch + 1);
                return new int[]{x, y, cw, ch};
            }
        }
        double r = (double) width / height;
        int cw, ch;
        if (r < 3.0 / 4.0) { cw = width; ch = (int) Math.round(cw / (3.0 / 4.0)); }
        else if (r > 4.0 / 3.0) { ch = height; cw = (int) Math.round(ch * (4.0 / 3.0)); }
        else { cw = width; ch = height; }
        cw = Math.min(cw, width);
        ch = Math.min(ch, height);
        return new int[]{(width - cw) / 2, (height - ch) / 2, cw, ch};
    }
}
