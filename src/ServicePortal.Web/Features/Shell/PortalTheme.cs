using MudBlazor;

namespace ServicePortal.Web.Features.Shell;

/// <summary>
/// The portal's one theme: a deep teal primary ("governed, calm"), amber for attention, the system font stack (no
/// web font to download or allow in the CSP), and light and dark palettes with the same hues.
/// </summary>
public static class PortalTheme
{
    private static readonly string[] Fonts = ["Inter", "Segoe UI", "system-ui", "-apple-system", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#37474f",
            Tertiary = "#5c6bc0",
            Warning = "#b26a00",
            AppbarBackground = "#004d40",
            AppbarText = "#ffffff",
            Background = "#f6f8f8",
            DrawerBackground = "#ffffff",
            DrawerText = "#263238",
            TextPrimary = "#1c2526",
            TextSecondary = "#4f5b5d",
            LinesDefault = "#dde3e3",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4db6ac",
            Secondary = "#90a4ae",
            Tertiary = "#9fa8da",
            Warning = "#ffb74d",
            AppbarBackground = "#10201e",
            AppbarText = "#e6f2f0",
            Background = "#121716",
            Surface = "#1b2221",
            DrawerBackground = "#161d1c",
            DrawerText = "#d5e0de",
            TextPrimary = "#e6ecec",
            TextSecondary = "#a9b7b5",
            LinesDefault = "#2c3634",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts, FontSize = ".9375rem", LineHeight = "1.5" },
            H1 = new H1Typography { FontFamily = Fonts, FontSize = "2rem", FontWeight = "600" },
            H2 = new H2Typography { FontFamily = Fonts, FontSize = "1.5rem", FontWeight = "600" },
            H3 = new H3Typography { FontFamily = Fonts, FontSize = "1.25rem", FontWeight = "600" },
            H4 = new H4Typography { FontFamily = Fonts, FontSize = "1.6rem", FontWeight = "600" },
            H5 = new H5Typography { FontFamily = Fonts, FontSize = "1.25rem", FontWeight = "600" },
            H6 = new H6Typography { FontFamily = Fonts, FontSize = "1.05rem", FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = Fonts, FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", DrawerWidthLeft = "260px" },
    };
}
