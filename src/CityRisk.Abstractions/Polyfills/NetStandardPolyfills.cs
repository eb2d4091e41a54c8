#if !NET
namespace CityRisk;

/// <summary>
/// The few BCL members the netstandard2.0 build needs that neither the BCL nor the Polyfill package has, as C# 14
/// static extensions so the call sites read the same on every target.
/// </summary>
internal static class NetStandardPolyfills
{
    extension(double)
    {
        /// <summary>Whether a value is neither NaN nor infinite.</summary>
        public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
    }
}
#endif
