"""A policy server for the RobotSdk remote client's tests, following openpi's wire format exactly.

openpi's WebsocketPolicyServer (REFERENCE.md section 6): plain WebSocket, no compression, no size
limit; GET /healthz answers 200; on connect the server sends the metadata as one binary msgpack
map; then each binary msgpack observation gets one binary msgpack reply holding "actions" and
timings; on error the server sends the traceback as a text frame and closes with code 1011.
numpy arrays travel as maps with the bin keys __ndarray__, data, dtype, shape (and numpy scalars
as __npgeneric__, data, dtype), packed and unpacked with plain msgpack hooks.

Run by /usr/bin/python3 with Debian's python3-websockets (10.4, legacy API), python3-msgpack and
python3-numpy. It listens on 127.0.0.1 on a free port and prints "LISTENING <port>".

Test behaviours are chosen per connection by the query string of the WebSocket path (openpi's
server ignores the path; the client under test sends whatever URI it is given):
  metadata=aloha    metadata {"reset_pose": [...]} instead of {}
  horizon=H         rows of the echoed actions (default 10)
  dtype=f4|f8       dtype of the actions (default f4)
  state_key=KEY     observation entry echoed into the actions (default observation/state)
  target=V1,V2,...  every row of the actions is this vector instead (a policy that goes somewhere:
                    the CLI tests send the arm's tool to a point this way)
  delay=SECONDS     wait before answering (timeouts)
  fail=1            the policy raises: traceback text frame, then close 1011
  drop_after=N      on request N+1, drop the TCP connection without a reply or close frame
  close_after=N     after reply N, close the connection normally (code 1000) while the client is idle
  auth=1            require "Authorization: Api-Key <--api-key>" (401 otherwise)
  ping=1            ping the client right after the metadata; print "PONG <n>" when it answers
  reply=BAD         answer with a malformed reply: no_actions | not_msgpack | actions_1d | actions_int
"""

import argparse
import asyncio
import http
import sys
import time
import traceback
import urllib.parse

import msgpack
import numpy as np
import websockets


def pack_array(obj):
    """The default hook of openpi_client.msgpack_numpy, written anew: numpy values to plain maps."""
    if isinstance(obj, (np.ndarray, np.generic)) and obj.dtype.kind in ("V", "O", "c"):
        raise ValueError(f"Unsupported dtype: {obj.dtype}")
    if isinstance(obj, np.ndarray):
        return {b"__ndarray__": True, b"data": obj.tobytes(), b"dtype": obj.dtype.str, b"shape": obj.shape}
    if isinstance(obj, np.generic):
        return {b"__npgeneric__": True, b"data": obj.item(), b"dtype": obj.dtype.str}
    return obj


def unpack_array(obj):
    """The object hook of openpi_client.msgpack_numpy: plain maps back to numpy values."""
    if b"__ndarray__" in obj:
        return np.ndarray(buffer=obj[b"data"], dtype=np.dtype(obj[b"dtype"]), shape=obj[b"shape"])
    if b"__npgeneric__" in obj:
        return np.dtype(obj[b"dtype"]).type(obj[b"data"])
    return obj


def packb(value):
    return msgpack.packb(value, default=pack_array)


def unpackb(data):
    return msgpack.unpackb(data, object_hook=unpack_array)


def summarize(observation, prefix=""):
    """What the server received, per entry (nested groups flattened with '/'), for the tests to check."""
    summary = {}
    for key, value in observation.items():
        name = prefix + key
        if isinstance(value, dict):
            summary.update(summarize(value, name + "/"))
        elif isinstance(value, np.ndarray):
            summary[name] = {
                "type": "ndarray",
                "dtype": value.dtype.str,
                "shape": list(value.shape),
                "sum": float(value.astype(np.float64).sum()),
                "first": float(value.reshape(-1)[0]) if value.size else None,
                "last": float(value.reshape(-1)[-1]) if value.size else None,
            }
        else:
            summary[name] = {"type": type(value).__name__, "value": value}
    return summary


class EchoPolicy:
    """Actions[i, :] = state + i: the client can tell rows, columns and values apart (or the target=)."""

    def __init__(self, options):
        self.horizon = int(options.get("horizon", "10"))
        self.dtype = np.float64 if options.get("dtype") == "f8" else np.float32
        self.state_key = options.get("state_key", "observation/state")
        self.fail = options.get("fail") == "1"
        self.target = [float(value) for value in options["target"].split(",")] if "target" in options else None

    def infer(self, observation):
        if self.fail:
            raise ValueError("the test policy was asked to fail (fail=1)")
        if self.target is not None:
            actions = np.tile(np.asarray(self.target, dtype=np.float64), (self.horizon, 1)).astype(self.dtype)
        else:
            state = np.asarray(observation[self.state_key], dtype=np.float64)
            actions = (state[None, :] + np.arange(self.horizon, dtype=np.float64)[:, None]).astype(self.dtype)
        return {
            "actions": actions,
            "policy_timing": {"infer_ms": 1.25},
            "received": summarize(observation),
            "echo": observation,
            "scalars": {"float32": np.float32(1.5), "int64": np.int64(-7), "bool": np.bool_(True)},
        }


class TestServer:
    def __init__(self, api_key):
        self.api_key = api_key
        self.pongs = 0

    async def process_request(self, path, request_headers):
        parsed = urllib.parse.urlparse(path)
        if parsed.path == "/healthz":
            return http.HTTPStatus.OK, [], b"OK\n"
        options = dict(urllib.parse.parse_qsl(parsed.query))
        if options.get("auth") == "1" and request_headers.get("Authorization") != f"Api-Key {self.api_key}":
            return http.HTTPStatus.UNAUTHORIZED, [], b"missing or wrong API key\n"
        return None

    async def handler(self, websocket, path):
        options = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(path).query))
        metadata = {"reset_pose": [0.0, -0.96, 1.16, 0.0, -0.3, 0.0]} if options.get("metadata") == "aloha" else {}
        policy = EchoPolicy(options)
        delay = float(options.get("delay", "0"))
        drop_after = int(options["drop_after"]) if "drop_after" in options else None
        await websocket.send(packb(metadata))
        if options.get("ping") == "1":
            asyncio.get_running_loop().create_task(self.await_pong(websocket))

        requests = 0
        prev_total_time = None
        while True:
            try:
                start_time = time.monotonic()
                message = await websocket.recv()
                requests += 1
                if drop_after is not None and requests > drop_after:
                    websocket.transport.abort()
                    return
                if options.get("reply") == "not_msgpack":
                    await websocket.send(b"\xc1")
                    continue
                obs = unpackb(message)
                if delay:
                    await asyncio.sleep(delay)

                infer_time = time.monotonic()
                action = policy.infer(obs)
                infer_time = time.monotonic() - infer_time
                if options.get("reply") == "no_actions":
                    del action["actions"]
                elif options.get("reply") == "actions_1d":
                    action["actions"] = action["actions"][0]
                elif options.get("reply") == "actions_int":
                    action["actions"] = action["actions"].astype(np.int32)

                action["server_timing"] = {"infer_ms": infer_time * 1000}
                if prev_total_time is not None:
                    action["server_timing"]["prev_total_ms"] = prev_total_time * 1000
                await websocket.send(packb(action))
                prev_total_time = time.monotonic() - start_time
                if "close_after" in options and requests >= int(options["close_after"]):
                    await websocket.close(code=1000, reason="test server closes after its replies")
                    return
            except websockets.ConnectionClosed:
                break
            except Exception:
                await websocket.send(traceback.format_exc())
                await websocket.close(
                    code=1011,  # CloseCode.INTERNAL_ERROR in newer websockets; 10.4 names no constant
                    reason="Internal server error. Traceback included in previous frame.",
                )
                return

    async def await_pong(self, websocket):
        waiter = await websocket.ping()
        await asyncio.wait_for(waiter, timeout=30)
        self.pongs += 1
        print(f"PONG {self.pongs}", flush=True)


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api-key", default="test-key")
    arguments = parser.parse_args()
    server = TestServer(arguments.api_key)
    async with websockets.serve(
        server.handler,
        "127.0.0.1",
        0,
        compression=None,
        max_size=None,
        process_request=server.process_request,
    ) as listening:
        port = listening.sockets[0].getsockname()[1]
        print(f"LISTENING {port}", flush=True)
        # Runs until the test kills the process, or stdin closes (the test process went away).
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(main())
