using System.Text;

namespace CityRisk.Wire;

/// <summary>The canonical names of the gRPC status codes, as the gRPC spec writes them: <c>INVALID_ARGUMENT</c>.</summary>
internal static class GrpcStatusNames
{
    public static string Of(GrpcStatusCode status)
    {
        if (status == GrpcStatusCode.OK)
        {
            return "OK";
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
