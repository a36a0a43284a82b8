package org.lowrank.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import java.util.Base64;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private static Renderer renderer() {
        Renderer r = new Renderer();
        Renderers.install(r);
        return r;
    }

    @Test
    void imagesArePng() {
        DisplayData d = renderer().render(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3));
        assertEquals("<image 3x2>", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void textIsPlainUnlessAskedOtherwise() {
        Renderer r = renderer();
        DisplayData plain = r.render("<b>x</b>");
        assertEquals("<b>x</b>", plain.getData(MIMEType.TEXT_PLAIN));
        assertNull(plain.getData(MIMEType.TEXT_HTML));
        assertEquals("<b>x</b>", r.renderAs("<b>x</b>", "text/html").getData(MIMEType.TEXT_HTML));
        assertEquals("# T", r.renderAs("# T", "text/markdown").getData(MIMEType.TEXT_MARKDOWN));
        assertEquals("<svg/>", r.renderAs("<svg/>", "image/svg+xml").getData(MIMEType.IMAGE_SVG));
    }

    @Test
    void otherObjectsAreTheirToString() {
        DisplayData d = renderer().render(java.util.List.of(1, 2));
        assertEquals("[1, 2]", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void onlyXChartChartsAreConverted() {
        Object o = java.util.List.of(1);
        assertSame(o, Renderers.prepare(o));
        assertFalse(Renderers.isXChart(String.class));
        assertNull(Renderers.prepare(null));
    }
}
