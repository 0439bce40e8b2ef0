"""The fill forecast of an open position, with the levers its HR office could pull (service.forecast)."""
from fastapi import APIRouter

from service import forecast
from service.deps import Conn, CurrentUser, Embedder, ForecastsDep, SalaryModelsDep
from service.schemas.common import DatabaseId

router = APIRouter(tags=["forecast"])


@router.get("/positions/{position_id}/forecast",
            summary="Will this open position be filled by its deadline? Expected applicants, and what would raise the odds most")
def position_forecast(conn: Conn, user: CurrentUser, salary_models: SalaryModelsDep, models: ForecastsDep, embedder: Embedder,
                      position_id: DatabaseId) -> dict:
    return forecast.position_forecast(conn, user, position_id, salary_models, models, embedder)
