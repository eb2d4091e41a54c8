using System.Globalization;
using System.Text;

namespace CityRisk.Json;

/// <summary>
/// Where a reader is in a JSON document (<c>$.info[0].areas[1]</c>), kept as offsets into the document so that
/// reading a valid document allocates no path text; the text is made only for a problem.
/// </summary>
internal sealed class JsonPathBuilder
{
    private (int NameStart, int NameLength, int Index)[] _segments = new (int, int, int)[8];
    private int _count;

    /// <summary>Enters a member whose (unescaped) name is at <paramref name="start"/> in the document.</summary>
    public void PushName(int start, int length) => Push((start, length, -1));

    /// <summary>Enters an array element.</summary>
    public void PushIndex(int index) => Push((-1, 0, index));

    public void Pop() => _count--;

    /// <summary>The innermost member name, or empty when the innermost segment is an index.</summary>
    public string LastName(ReadOnlySpan<byte> document) =>
        _count == 0 || _segments[_count - 1].NameStart < 0 ? string.Empty : Name(document, _segments[_count - 1]);

    public string ToString(ReadOnlySpan<byte> document)
    {
        var text = new StringBuilder("$");
        for (var i = 0; i < _count; i++)
        {
            var segment = _segments[i];
            if (segment.NameStart < 0)
            {
                text.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                text.Append('.').Append(Name(document, segment));
            }
        }

        return text.ToString();
    }

    private static string Name(ReadOnlySpan<byte> document, (int NameStart, int NameLength, int Index) segment) =>
        Encoding.UTF8.GetString(document.Slice(segment.NameStart, segment.NameLength));

    private void Push((int, int, int) segment)
    {
        if (_count == _segments.Length)
        {
            Array.Resize(ref _segments, _count * 2);
        }

        _segments[_count++] = segment;
    }
}
