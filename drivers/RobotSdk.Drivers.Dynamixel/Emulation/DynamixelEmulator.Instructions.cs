using System.Buffers.Binary;

namespace RobotSdk.Drivers.Dynamixel.Emulation;

/// <summary>What the virtual servos do with each instruction, and which replies they send.</summary>
public sealed partial class DynamixelEmulator
{
    private List<PendingReply> Execute(ReadOnlySpan<byte> packet, byte[] parameterBuffer, int clientRate)
    {
        var replies = new List<PendingReply>();
        byte id = packet[4];
        bool broadcast = id == ServoIds.Broadcast;

        // Unplugged servos and servos at another baud rate see nothing of the packet.
        List<EmulatedServo> listening = [.. _servos.Where(servo => servo.IsPresent && servo.BaudRate == clientRate)];
        EmulatedServo? addressed = broadcast ? null : listening.FirstOrDefault(servo => servo.Id == id);
        PacketDecodeResult decoded = PacketDecoder.Decode(packet, parameterBuffer, out DecodedPacket request);
        if (decoded != PacketDecodeResult.Ok)
        {
            if (decoded == PacketDecodeResult.CrcMismatch && addressed is not null)
            {
                AddReply(replies, addressed, StatusErrorKind.CrcError, [], Instruction.Write);
            }

            return replies;
        }

        _instructionCounts[request.InstructionCode]++;
        ReadOnlySpan<byte> parameters = parameterBuffer.AsSpan(0, request.ParameterLength);
        IEnumerable<EmulatedServo> followers = listening.Where(servo => broadcast || servo.Follows(id));
        switch (request.Instruction)
        {
            case Instruction.Ping:
                foreach (EmulatedServo servo in broadcast ? listening.OrderBy(servo => servo.Id) : Only(addressed))
                {
                    ushort model = servo.Model.ModelNumber;
                    AddReply(replies, servo, StatusErrorKind.None, [(byte)model, (byte)(model >> 8), servo.Setup.FirmwareVersion], Instruction.Ping);
                }

                break;

            case Instruction.Read when addressed is not null:
                if (parameters.Length != 4)
                {
                    AddReply(replies, addressed, StatusErrorKind.DataLengthError, [], Instruction.Read);
                }
                else
                {
                    AddReadReply(replies, addressed, Word(parameters), Word(parameters[2..]));
                }

                break;

            case Instruction.Write or Instruction.RegWrite:
                ExecuteWrite(replies, request.Instruction, followers, addressed, parameters);
                break;

            case Instruction.Action:
                foreach (EmulatedServo servo in followers.ToList())
                {
                    StatusErrorKind result = servo.Action();
                    if (servo == addressed)
                    {
                        AddReply(replies, servo, result, [], Instruction.Action);
                    }
                }

                break;

            case Instruction.Reboot:
                if (addressed is not null)
                {
                    AddReply(replies, addressed, StatusErrorKind.None, [], Instruction.Reboot);
                }

                foreach (EmulatedServo servo in followers.ToList())
                {
                    servo.Reboot();
                }

                break;

            case Instruction.SyncRead when broadcast && parameters.Length > 4:
                foreach (byte target in parameters[4..])
                {
                    if (listening.FirstOrDefault(servo => servo.Id == target) is { } servo)
                    {
                        AddReadReply(replies, servo, Word(parameters), Word(parameters[2..]));
                    }
                }

                break;

            case Instruction.FastSyncRead when broadcast && parameters.Length > 4:
                AddFastSyncReadReply(replies, listening, Word(parameters), Word(parameters[2..]), parameters[4..]);
                break;

            case Instruction.BulkRead when broadcast && parameters.Length % 5 == 0:
                for (int offset = 0; offset < parameters.Length; offset += 5)
                {
                    byte target = parameters[offset];
                    if (listening.FirstOrDefault(servo => servo.Id == target) is { } servo)
                    {
                        AddReadReply(replies, servo, Word(parameters[(offset + 1)..]), Word(parameters[(offset + 3)..]));
                    }
                }

                break;

            case Instruction.SyncWrite when broadcast && parameters.Length > 4:
                ExecuteSyncWrite(listening, parameters);
                break;

            case Instruction.BulkWrite when broadcast:
                ExecuteBulkWrite(listening, parameters);
                break;

            default:
                if (addressed is not null)
                {
                    AddReply(replies, addressed, StatusErrorKind.InstructionError, [], request.Instruction);
                }

                break;
        }

        return replies;
    }

    private static IEnumerable<EmulatedServo> Only(EmulatedServo? servo) => servo is null ? [] : [servo];

    private static int Word(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadUInt16LittleEndian(data);

    private void ExecuteWrite(
        List<PendingReply> replies, Instruction instruction, IEnumerable<EmulatedServo> followers, EmulatedServo? addressed, ReadOnlySpan<byte> parameters)
    {
        if (parameters.Length < 3)
        {
            if (addressed is not null)
            {
                AddReply(replies, addressed, StatusErrorKind.DataLengthError, [], instruction);
            }

            return;
        }

        int address = Word(parameters);
        ReadOnlySpan<byte> data = parameters[2..];
        foreach (EmulatedServo servo in followers.ToList())
        {
            // The status comes from the ID the request named, even when the write changed the ID.
            byte replyId = servo.Id;
            StatusErrorKind result = instruction == Instruction.Write ? servo.Write(address, data) : servo.RegisterWrite(address, data);
            if (servo == addressed)
            {
                AddReply(replies, servo, result, [], instruction, replyId);
            }
        }
    }

    private static void ExecuteSyncWrite(List<EmulatedServo> listening, ReadOnlySpan<byte> parameters)
    {
        int address = Word(parameters);
        int length = Word(parameters[2..]);
        int blockLength = length + 1;
        if (length == 0 || (parameters.Length - 4) % blockLength != 0)
        {
            return;
        }

        for (int offset = 4; offset < parameters.Length; offset += blockLength)
        {
            byte target = parameters[offset];
            ReadOnlySpan<byte> data = parameters.Slice(offset + 1, length);
            foreach (EmulatedServo servo in listening.Where(servo => servo.Follows(target)))
            {
                servo.Write(address, data);
            }
        }
    }

    private static void ExecuteBulkWrite(List<EmulatedServo> listening, ReadOnlySpan<byte> parameters)
    {
        int offset = 0;
        while (offset + 5 <= parameters.Length)
        {
            byte target = parameters[offset];
            int address = Word(parameters[(offset + 1)..]);
            int length = Word(parameters[(offset + 3)..]);
            if (offset + 5 + length > parameters.Length)
            {
                return;
            }

            ReadOnlySpan<byte> data = parameters.Slice(offset + 5, length);
            foreach (EmulatedServo servo in listening.Where(servo => servo.Follows(target)))
            {
                servo.Write(address, data);
            }

            offset += 5 + length;
        }
    }

    private void AddReadReply(List<PendingReply> replies, EmulatedServo servo, int address, int length)
    {
        var data = new byte[length];
        StatusErrorKind result = servo.Read(address, length, data);
        AddReply(replies, servo, result, result == StatusErrorKind.None ? data : [], Instruction.Read);
    }

    /// <summary>Queues a servo's status packet, unless its Status Return Level or an injected drop keeps it silent.</summary>
    private void AddReply(List<PendingReply> replies, EmulatedServo servo, StatusErrorKind result, byte[] data, Instruction instruction, byte? replyId = null)
    {
        byte id = replyId ?? servo.Id;
        bool isRead = instruction is Instruction.Read or Instruction.SyncRead or Instruction.BulkRead;
        int level = servo.StatusReturnLevel;
        if (instruction != Instruction.Ping && (level == 0 || (level == 1 && !isRead)))
        {
            return;
        }

        if (TakeAny(ref _dropAll) || TakeFor(_dropById, id))
        {
            return;
        }

        var packet = new byte[PacketEncoder.MaxPacketLength(data.Length)];
        int length = PacketEncoder.EncodeStatus(packet, id, servo.ReplyError(result), data);
        Array.Resize(ref packet, length);
        if (TakeAny(ref _corruptAll) || TakeFor(_corruptById, id))
        {
            packet[^1] ^= 0xFF;
        }

        replies.Add(new PendingReply(packet, servo.ReturnDelayMicroseconds));
    }

    /// <summary>
    /// Builds the one packet of a Fast Sync Read, block by block as the servos would append
    /// them on the wire: <c>ERR ID DATA CRC</c>, each inner CRC running over the packet so far
    /// (before stuffing), the last one being the packet CRC. A missing or dropped servo cuts
    /// the packet short at its block, so the client times out.
    /// </summary>
    private void AddFastSyncReadReply(List<PendingReply> replies, List<EmulatedServo> listening, int address, int length, ReadOnlySpan<byte> ids)
    {
        int blockLength = length + FastSyncReadReply.BlockOverhead;
        var raw = new byte[8 + (ids.Length * blockLength)];
        ReadOnlySpan<byte> head = [0xFF, 0xFF, 0xFD, 0x00, ServoIds.Broadcast, 0, 0, (byte)Instruction.Status];
        head.CopyTo(raw);
        BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(5), (ushort)(1 + (ids.Length * blockLength)));
        bool drop = TakeAny(ref _dropAll);
        bool corrupt = TakeAny(ref _corruptAll);
        int complete = 0;
        int returnDelay = 0;
        for (int index = 0; index < ids.Length && !drop; index++)
        {
            byte target = ids[index];
            EmulatedServo? servo = listening.FirstOrDefault(servo => servo.Id == target);
            if (servo is null || TakeFor(_dropById, servo.Id))
            {
                break;
            }

            corrupt |= TakeFor(_corruptById, servo.Id);
            returnDelay = index == 0 ? servo.ReturnDelayMicroseconds : returnDelay;
            int offset = 8 + (index * blockLength);
            StatusErrorKind result = servo.Read(address, length, raw.AsSpan(offset + 2, length));
            raw[offset] = servo.ReplyError(result).Raw;
            raw[offset + 1] = servo.Id;
            if (index < ids.Length - 1)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(offset + 2 + length), DynamixelCrc.Compute(raw.AsSpan(0, offset + 2 + length)));
            }

            complete++;
        }

        if (complete == 0)
        {
            return;
        }

        var packet = new byte[PacketEncoder.MaxPacketLength(raw.Length)];
        int packetLength = PacketEncoder.EncodeStatus(packet, ServoIds.Broadcast, new StatusError(raw[8]), raw.AsSpan(9, raw.Length - 11));
        if (complete < ids.Length)
        {
            packetLength = Math.Min(packetLength, 8 + (complete * blockLength));
        }
        else if (corrupt)
        {
            packet[packetLength - 1] ^= 0xFF;
        }

        Array.Resize(ref packet, packetLength);
        replies.Add(new PendingReply(packet, returnDelay));
    }
}
