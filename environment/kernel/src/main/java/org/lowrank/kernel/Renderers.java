package org.lowrank.kernel;

import java.awt.image.RenderedImage;
import java.lang.reflect.Method;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * What a value looks like in a notebook: the MIME renderers of this kernel.
 *
 * <ul>
 *   <li>{@link RenderedImage} (e.g. {@code BufferedImage}): {@code image/png} (JPEG/GIF on request);</li>
 *   <li>XChart charts ({@code org.knowm.xchart.internal.chartpart.Chart}): {@code image/png}, found by class
 *       name and drawn through XChart's own {@code BitmapEncoder} by reflection, so the kernel does not
 *       depend on XChart;</li>
 *   <li>a {@link CharSequence}: {@code text/plain}, or on request verbatim as {@code text/html},
 *       {@code text/markdown}, {@code image/svg+xml}, {@code text/latex}, ... — e.g.
 *       {@code display("<b>hi</b>", "text/html")}, as in IJava;</li>
 *   <li>anything else: {@code text/plain} of {@code String.valueOf}.</li>
 * </ul>
 */
public final class Renderers {
    static final String XCHART_CHART = "org.knowm.xchart.internal.chartpart.Chart";
    static final String XCHART_ENCODER = "org.knowm.xchart.BitmapEncoder";

    private Renderers() {}

    /** Registers this kernel's renderers. */
    public static void install(Renderer renderer) {
        Text.registerAll(renderer);
        renderer.createRegistration(RenderedImage.class)
                .preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.IMAGE_JPEG, MIMEType.IMAGE_GIF)
                .register((img, ctx) -> {
                    Image.renderImage(img, ctx);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN,
                            () -> "<image " + img.getWidth() + "x" + img.getHeight() + ">");
                });
        renderer.createRegistration(CharSequence.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_MARKDOWN, MIMEType.IMAGE_SVG, MIMEType.TEXT_LATEX,
                        MIMEType.APPLICATION_JSON, MIMEType.APPLICATION_JAVASCRIPT, MIMEType.TEXT_CSS)
                .register((text, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, text::toString);
                    for (MIMEType t : new MIMEType[] {MIMEType.TEXT_HTML, MIMEType.TEXT_MARKDOWN, MIMEType.IMAGE_SVG,
                            MIMEType.TEXT_LATEX, MIMEType.APPLICATION_JAVASCRIPT, MIMEType.TEXT_CSS}) {
                        ctx.renderIfRequested(t, text::toString);
                    }
                    ctx.renderIfRequested(MIMEType.APPLICATION_JSON, text::toString);
                });
    }

    /**
     * Replaces values that are drawn as something else before rendering: an XChart chart becomes its
     * {@code BufferedImage}. Other values are returned as they are.
     */
    public static Object prepare(Object value) {
        if (value != null && isXChart(value.getClass())) {
            return xchartImage(value);
        }
        return value;
    }

    /** Whether {@code c} is or extends XChart's chart base class. */
    static boolean isXChart(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (k.getName().equals(XCHART_CHART)) return true;
        }
        return false;
    }

    private static RenderedImage xchartImage(Object chart) {
        try {
            ClassLoader loader = chart.getClass().getClassLoader();
            Class<?> chartClass = Class.forName(XCHART_CHART, false, loader);
            Class<?> encoder = Class.forName(XCHART_ENCODER, true, loader);
            Method m = encoder.getMethod("getBufferedImage", chartClass);
            return (RenderedImage) m.invoke(null, chart);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not draw XChart chart " + chart.getClass().getName()
                    + " with " + XCHART_ENCODER + ".getBufferedImage: " + e, e);
        }
    }
}
