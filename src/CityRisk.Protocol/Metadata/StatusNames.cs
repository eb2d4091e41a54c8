using System.Text;
using Grpc.Core;

namespace CityRisk.Protocol;

/// <summary>The canonical names of the gRPC status codes, as the gRPC spec writes them: <c>INVALID_ARGUMENT</c>.</summary>
public static class StatusNames
{
    /// <summary>The canonical name of a status code.</summary>
    /// <param name="status">The code.</param>
    /// <returns><c>OK</c>, <c>INVALID_ARGUMENT</c>, <c>NOT_FOUND</c> ...; the number for a code gRPC does not define.</returns>
    public static string Of(StatusCode status)
    {
        if (status == StatusCode.OK)
        {
            return "OK";
        }

        if (!Enum.IsDefined(status))
        {
            return ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var name = status.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(c));
        }

        return text.ToString();
    }
}
