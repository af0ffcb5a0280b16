package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.lab.chart.Charts;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

class PlotlyDeliveryTest {

  @Test
  void deliversPlotlyOnceBeforeTheFirstChart() {
    PlotlyDelivery delivery = new PlotlyDelivery();
    List<DisplayData> sent = new ArrayList<>();

    assertFalse(delivery.deliverBefore("<b>no chart</b>", sent::add));
    assertFalse(delivery.deliverBefore(null, sent::add));
    assertTrue(delivery.deliverBefore("<script>Plotly.newPlot('a', [])</script>", sent::add));
    assertFalse(delivery.deliverBefore("<script>Plotly.react('a', [])</script>", sent::add));

    assertEquals(1, sent.size());
    assertTrue(delivery.delivered());
    String html = (String) sent.get(0).getData(MIMEType.TEXT_HTML);
    assertEquals(
        Charts.compressedPlotlyLoader(), html, "the charts package's loader, not a second copy");
    assertTrue(((String) sent.get(0).getData(MIMEType.TEXT_PLAIN)).startsWith("plotly.js 2."));
    assertEquals(
        1, html.split("</script", -1).length - 1, "only the closing tag may end the script");
  }
}
