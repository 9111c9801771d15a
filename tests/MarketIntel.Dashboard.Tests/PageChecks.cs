using System.Text.Json;
using Microsoft.Playwright;

namespace MarketIntel.Dashboard.Tests;

/// <summary>What the browser tests look at: canvas pixels, console errors, screenshots.</summary>
public static class PageChecks
{
    /// <summary>
    /// Samples every canvas inside the element: how many pixels are painted and how many distinct colours appear, and
    /// whether each of the given colours (#rrggbb) occurs exactly. A chart that drew nothing has a background only.
    /// </summary>
    public static async Task<CanvasPaint> CanvasPaintAsync(IPage page, string selector, params string[] colours)
    {
        var result = await page.EvaluateAsync<JsonElement>(
            """
            ([selector, colours]) => {
              const root = document.querySelector(selector);
              if (!root) return { canvases: 0, painted: 0, distinct: 0, found: [] };
              const wanted = colours.map(c => parseInt(c.slice(1), 16));
              const found = new Set();
              const distinct = new Set();
              let painted = 0, canvases = 0;
              for (const c of root.querySelectorAll('canvas')) {
                if (!c.width || !c.height) continue;
                canvases++;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 0; i < d.length; i += 4) {
                  if (d[i + 3] === 0) continue;
                  painted++;
                  const rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
                  distinct.add(rgb);
                  if (d[i + 3] === 255 && wanted.includes(rgb)) found.add(rgb);
                }
              }
              return { canvases, painted, distinct: distinct.size, found: colours.filter(c => found.has(parseInt(c.slice(1), 16))) };
            }
            """, new object[] { selector, colours });
        return new CanvasPaint(
            result.GetProperty("canvases").GetInt32(), result.GetProperty("painted").GetInt32(), result.GetProperty("distinct").GetInt32(),
            [.. result.GetProperty("found").EnumerateArray().Select(e => e.GetString()!)]);
    }

    /// <summary>Collects uncaught page errors and console errors other than failed fetches.</summary>
    public static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add("pageerror: " + e);
        page.Console += (_, m) =>
        {
            // The browser logs every non-2xx fetch as "Failed to load resource"; the views explain those on the page.
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add("console: " + m.Text);
            }
        };
        return errors;
    }

    public static async Task ScreenshotAsync(DashboardFixture fixture, IPage page, string name)
    {
        // Let charts finish their animation frame before the picture is taken.
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}

public sealed record CanvasPaint(int Canvases, int Painted, int DistinctColours, IReadOnlyList<string> FoundColours);
