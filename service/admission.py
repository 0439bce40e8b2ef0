"""Admission to the database: a request waits for its connection in the event loop, never in a thread.

Why (issue 10, the cliff at about 50 users): sync handlers run in anyio's pool of 40 threads. When
threads block inside the connection pool waiting for one of its 10 connections, the requests that
do hold a connection queue for a thread behind them to run their handler, so nothing finishes and
every request waits the pool's full timeout, then fails. Here a request first takes a slot (at most
``capacity`` at once: the connections the pool keeps for requests) while it waits in the event
loop, where waiting holds no thread; then it takes its connection, which is free. The wait is
bounded twice: in length (``queue_max`` requests) and in time (``timeout_seconds``); beyond
either the request answers 503 with Retry-After (service.errors), never 500.
"""
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import Request


class DatabaseBusy(Exception):
    """No database connection for this request soon enough: the service is overloaded, try again shortly."""

    def __init__(self, code: str, **params: object):  # a message code of service.messages, with its parameters
        super().__init__(code)
        self.code, self.params = code, params


class Admission:
    """Slots for requests that use the database, handed out first come, first served (anyio's semaphore is FIFO)."""

    def __init__(self, capacity: int, queue_max: int, timeout_seconds: float):
        self.capacity, self.queue_max, self.timeout_seconds = capacity, queue_max, timeout_seconds
        self._slots = anyio.Semaphore(capacity)
        self.waiting = 0

    @property
    def in_use(self) -> int:
        return self.capacity - self._slots.value

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self._slots.value == 0 and self.waiting >= self.queue_max:
            raise DatabaseBusy("database.queue_full", waiting=self.waiting)
        self.waiting += 1
        try:
            with anyio.move_on_after(self.timeout_seconds) as waited:
                await self._slots.acquire()
        finally:
            self.waiting -= 1
        if waited.cancelled_caught:
            raise DatabaseBusy("database.no_slot", timeout_s=self.timeout_seconds)
        try:
            yield
        finally:
            self._slots.release()

    def stats(self) -> dict:
        return {"capacity": self.capacity, "in_use": self.in_use, "waiting": self.waiting}


async def admitted(request: Request) -> AsyncIterator[None]:
    """A dependency: holds one admission slot for as long as the request holds its connection."""
    async with request.app.state.admission.slot():
        yield
