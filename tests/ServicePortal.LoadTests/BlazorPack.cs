using System.Buffers.Binary;
using System.Text;

namespace ServicePortal.LoadTests;

/// <summary>
/// Just enough of SignalR's MessagePack hub protocol (which Blazor Server registers under the name "blazorpack") for a
/// circuit client: messages are a VarInt length prefix and a MessagePack array, e.g. an invocation is
/// [1, headers, invocationId, target, arguments, streamIds], a completion [3, headers, invocationId, resultKind, result?],
/// a ping [6], a close [7, error, allowReconnect]. Microsoft's SignalR client packages were not
/// served when this was written, so it follows the protocol description.
/// </summary>
public static class BlazorPack
{
    public const int Invocation = 1, Completion = 3, Ping = 6, Close = 7;

    public static readonly byte[] HandshakeRequest = Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e");

    /// <summary>A framed ping message.</summary>
    public static readonly byte[] PingMessage = Frame(w => { w.ArrayHeader(1); w.Int(Ping); });

    /// <summary>A framed invocation; <paramref name="invocationId"/> null means no completion is expected (a "send").</summary>
    public static byte[] InvocationMessage(string? invocationId, string target, params object?[] arguments) => Frame(w =>
    {
        w.ArrayHeader(6);
        w.Int(Invocation);
        w.MapHeader(0);
        w.Value(invocationId);
        w.Value(target);
        w.ArrayHeader(arguments.Length);
        foreach (var argument in arguments)
        {
            w.Value(argument);
        }

        w.ArrayHeader(0);
    });

    private static byte[] Frame(Action<Writer> write)
    {
        var body = new Writer();
        write(body);
        var payload = body.ToArray();
        var framed = new List<byte>(payload.Length + 5);
        var length = (uint)payload.Length;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            framed.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);

        framed.AddRange(payload);
        return [.. framed];
    }

    /// <summary>Splits a buffer into framed messages; returns how many bytes were consumed (a partial message stays).</summary>
    public static int ReadFrames(ReadOnlySpan<byte> buffer, List<object?[]> messages)
    {
        var consumed = 0;
        while (consumed < buffer.Length)
        {
            var span = buffer[consumed..];
            uint length = 0;
            var shift = 0;
            var prefix = 0;
            while (true)
            {
                if (prefix >= span.Length || prefix > 4)
                {
                    return consumed;
                }

                var b = span[prefix++];
                length |= (uint)(b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            if (span.Length < prefix + length)
            {
                return consumed;
            }

            var reader = new Reader(span.Slice(prefix, (int)length).ToArray());
            messages.Add(reader.Read() as object?[] ?? []);
            consumed += prefix + (int)length;
        }

        return consumed;
    }

    private sealed class Writer
    {
        private readonly List<byte> _bytes = [];

        public byte[] ToArray() => [.. _bytes];

        public void ArrayHeader(int count)
        {
            if (count < 16)
            {
                _bytes.Add((byte)(0x90 | count));
            }
            else
            {
                _bytes.Add(0xdc);
                Big((ushort)count);
            }
        }

        public void MapHeader(int count) => _bytes.Add((byte)(0x80 | count));

        public void Int(long value)
        {
            if (value is >= 0 and < 128)
            {
                _bytes.Add((byte)value);
            }
            else
            {
                _bytes.Add(0xd3);
                var b = new byte[8];
                BinaryPrimitives.WriteInt64BigEndian(b, value);
                _bytes.AddRange(b);
            }
        }

        public void Value(object? value)
        {
            switch (value)
            {
                case null: _bytes.Add(0xc0); break;
                case bool b: _bytes.Add(b ? (byte)0xc3 : (byte)0xc2); break;
                case int i: Int(i); break;
                case long l: Int(l); break;
                case string s:
                    var utf8 = Encoding.UTF8.GetBytes(s);
                    if (utf8.Length < 32)
                    {
                        _bytes.Add((byte)(0xa0 | utf8.Length));
                    }
                    else
                    {
                        _bytes.Add(0xdb);
                        var n = new byte[4];
                        BinaryPrimitives.WriteUInt32BigEndian(n, (uint)utf8.Length);
                        _bytes.AddRange(n);
                    }

                    _bytes.AddRange(utf8);
                    break;
                default: throw new NotSupportedException(value.GetType().Name);
            }
        }

        private void Big(ushort value)
        {
            _bytes.Add((byte)(value >> 8));
            _bytes.Add((byte)value);
        }
    }

    /// <summary>Reads any MessagePack value into .NET values: arrays become object?[], maps dictionaries, bin byte[].</summary>
    private ref struct Reader(byte[] data)
    {
        private readonly byte[] _data = data;
        private int _at;

        public object? Read()
        {
            var b = _data[_at++];
            switch (b)
            {
                case <= 0x7f: return (long)b;
                case >= 0xe0: return (long)(sbyte)b;
                case >= 0x80 and <= 0x8f: return Map(b & 0x0f);
                case >= 0x90 and <= 0x9f: return Array(b & 0x0f);
                case >= 0xa0 and <= 0xbf: return Str(b & 0x1f);
            }

            return b switch
            {
                0xc0 => null,
                0xc2 => false,
                0xc3 => true,
                0xc4 => Bin(_data[_at++]),
                0xc5 => Bin(U16()),
                0xc6 => Bin((int)U32()),
                0xca => (double)BinaryPrimitives.ReadSingleBigEndian(Take(4)),
                0xcb => BinaryPrimitives.ReadDoubleBigEndian(Take(8)),
                0xcc => (long)_data[_at++],
                0xcd => (long)U16(),
                0xce => (long)U32(),
                0xcf => (long)BinaryPrimitives.ReadUInt64BigEndian(Take(8)),
                0xd0 => (long)(sbyte)_data[_at++],
                0xd1 => (long)BinaryPrimitives.ReadInt16BigEndian(Take(2)),
                0xd2 => (long)BinaryPrimitives.ReadInt32BigEndian(Take(4)),
                0xd3 => BinaryPrimitives.ReadInt64BigEndian(Take(8)),
                0xd9 => Str(_data[_at++]),
                0xda => Str(U16()),
                0xdb => Str((int)U32()),
                0xdc => Array(U16()),
                0xdd => Array((int)U32()),
                0xde => Map(U16()),
                0xdf => Map((int)U32()),
                _ => throw new NotSupportedException($"MessagePack type 0x{b:x2}"),
            };
        }

        private ReadOnlySpan<byte> Take(int n)
        {
            var span = _data.AsSpan(_at, n);
            _at += n;
            return span;
        }

        private int U16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

        private uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

        private string Str(int n) => Encoding.UTF8.GetString(Take(n));

        private byte[] Bin(int n) => Take(n).ToArray();

        private object?[] Array(int n)
        {
            var items = new object?[n];
            for (var i = 0; i < n; i++)
            {
                items[i] = Read();
            }

            return items;
        }

        private Dictionary<string, object?> Map(int n)
        {
            var map = new Dictionary<string, object?>(n);
            for (var i = 0; i < n; i++)
            {
                var key = Read()?.ToString() ?? "";
                map[key] = Read();
            }

            return map;
        }
    }
}
