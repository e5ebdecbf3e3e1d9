class XAPIError(Exception):
    """A refused request: the HTTP status the specification prescribes and a message saying why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
